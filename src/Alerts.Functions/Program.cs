using Alerts;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services
    .AddAlertsAnalysis(builder.Configuration)
    .AddAlertsStorage(builder.Configuration)
    .AddAlertsDelivery(builder.Configuration)
    .AddAlertsChannels(builder.Configuration)
    .AddAlertsAcsEmail()
    .AddAlertsHosting();

builder.Build().Run();
