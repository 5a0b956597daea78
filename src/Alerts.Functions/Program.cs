using Alerts.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

FunctionAppComposition.Compose(FunctionsApplication.CreateBuilder(args)).Build().Run();
