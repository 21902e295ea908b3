// Live updates: the server pushes a version on /events whenever its model or the cluster's minute moves; this
// fetches the same page again from the dashboard (rendered from its model, no API request) and swaps <main> and
// the clock. Without JavaScript the page is complete; it only stops updating itself.
(function () {
  if (!window.EventSource || !window.fetch || !window.DOMParser) { return; }
  var live = document.getElementById('live');
  var shown = Number(document.body.dataset.version);
  var busy = false, again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, 'text/html');
        var focused = document.activeElement && document.activeElement.closest('main form');
        if (!focused) {
          document.querySelector('main').replaceWith(page.querySelector('main'));
        }
        document.getElementById('cluster-time').replaceWith(page.getElementById('cluster-time'));
        document.body.dataset.version = page.body.dataset.version;
        shown = Number(page.body.dataset.version);
        if (live) { live.textContent = 'live'; }
      })
      .catch(function () { if (live) { live.textContent = 'update failed'; } })
      .finally(function () { busy = false; if (again) { again = false; refresh(); } });
  }
  var events = new EventSource('/events');
  events.addEventListener('change', function (e) {
    var version = JSON.parse(e.data).version;
    if (version > shown) { refresh(); } else if (live) { live.textContent = 'live'; }
  });
  events.onerror = function () { if (live) { live.textContent = 'reconnecting…'; } };
})();
