using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Build().Run();

namespace Alerts.Functions
{
    public sealed class ArticleUploaded
    {
        [Function(nameof(ArticleUploaded))]
        public static void Run([BlobTrigger("articles/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AlertsStorage")] Stream data, string name) { _ = data; _ = name; }
    }
}
