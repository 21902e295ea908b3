using Tarnfui.Webhook;

// The composition lives in WebhookApp so that the Sandbox hosts exactly the same webhook in-process.
var app = WebhookApp.Build(WebhookApp.CreateBuilder(args));
app.Run();
