// One headless Debian chromium page, driven by playwright-core, for the dashboard's browser tests (BrowserSession.cs).
// Protocol: the options come as JSON in argv[2]; the script prints {"ready":true,"browser":VERSION} once the page is
// open, then reads one JSON command per line on stdin and answers each with one JSON line on stdout:
// {"ok":true,"value":…} or {"ok":false,"error":"…"}. playwright-core is found through NODE_PATH
// (.cache/playwright/node_modules, installed by scripts/install-prerequisites.sh).
'use strict';
const readline = require('node:readline');

const options = JSON.parse(process.argv[2] || '{}');
const bound = options.timeoutMs || 30000;

function reply(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

async function main() {
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch (e) {
    reply({ ready: false, error: `playwright-core is not installed (${e.message}): run scripts/install-prerequisites.sh` });
    process.exit(2);
  }

  const browser = await chromium.launch({
    executablePath: options.executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled !== false,
    viewport: { width: options.width || 1280, height: options.height || 800 },
    colorScheme: 'light',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(bound);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A failed load is reported with its address.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) { problems.push(`console error: ${m.text()}`); } });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') {
      problems.push(`${r.status()} for ${r.url()}`);
    }
  });

  const commands = {
    async goto({ url }) {
      const response = await page.goto(url, { waitUntil: 'load' });
      return { status: response ? response.status() : null, url: page.url() };
    },
    // The text a test reads is trimmed with inner white space collapsed, as a person sees it.
    async text({ selector }) {
      return page.evaluate((s) => {
        const e = document.querySelector(s);
        return e ? e.textContent.replace(/\s+/g, ' ').trim() : null;
      }, selector);
    },
    async texts({ selector }) {
      return page.evaluate((s) => Array.from(document.querySelectorAll(s), (e) => e.textContent.replace(/\s+/g, ' ').trim()), selector);
    },
    async path() {
      return new URL(page.url()).pathname;
    },
    async count({ selector }) {
      return page.locator(selector).count();
    },
    // Waits until the first element matching selector shows text (match "equals"), anything else ("other") or text
    // followed by anything ("prefix"); returns what it shows then.
    async waitForText({ selector, text, match, timeoutMs }) {
      await page.waitForFunction(([s, t, how]) => {
        const e = document.querySelector(s);
        const shown = e ? e.textContent.replace(/\s+/g, ' ').trim() : null;
        if (shown === null) { return false; }
        return how === 'other' ? shown !== t : how === 'prefix' ? shown.startsWith(t) : shown === t;
      }, [selector, text, match || 'equals'], { timeout: timeoutMs || bound });
      return commands.text({ selector });
    },
    async evaluate({ expression }) {
      return page.evaluate(expression);
    },
    async fill({ selector, value }) {
      await page.locator(selector).first().fill(value);
      return null;
    },
    // Clicks and waits for the page it leads to (a link or a form's submit button).
    async follow({ selector }) {
      const [response] = await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.locator(selector).first().click(),
      ]);
      return { status: response ? response.status() : null, url: page.url() };
    },
    async screenshot({ path, fullPage }) {
      await page.screenshot({ path, fullPage: fullPage !== false });
      return path;
    },
    async problems() {
      return problems.slice();
    },
  };

  reply({ ready: true, browser: browser.version() });
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) { continue; }
    let command;
    try {
      command = JSON.parse(line);
    } catch (e) {
      reply({ ok: false, error: `not JSON: ${e.message}` });
      continue;
    }
    if (command.op === 'close') { break; }
    const run = commands[command.op];
    if (!run) {
      reply({ ok: false, error: `unknown op "${command.op}"` });
      continue;
    }
    try {
      reply({ ok: true, value: (await run(command)) ?? null });
    } catch (e) {
      reply({ ok: false, error: e.message });
    }
  }
  await browser.close();
}

main().catch((e) => {
  reply({ ready: false, error: e.message });
  process.exit(1);
});
