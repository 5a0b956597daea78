using System.Reflection;
using System.Text.Json.Nodes;
using Alerts.Storage;

namespace Alerts.Tests.Infra;

/// <summary>
/// Builds infra/main.bicep with the Bicep CLI (no network) and checks the compiled ARM JSON: what the app needs
/// is there, and nothing in it holds a key.
/// </summary>
public class BicepTemplateTests
{
    [Fact]
    public void Main_bicep_builds_without_errors_or_warnings()
    {
        var build = ArmTemplate.Build;
        Assert.True(build.ExitCode == 0, $"bicep build failed:\n{build.Error}");
        Assert.True(build.Diagnostics.Count == 0, "bicep build reported:\n" + string.Join('\n', build.Diagnostics));
        Assert.Equal("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", ArmTemplate.Main["$schema"]?.ToString());
    }

    [Fact]
    public void Main_bicep_lints_clean_with_the_repo_rules_and_covers_every_module()
    {
        var lint = BicepCli.Run("lint", InfraPaths.MainBicep);
        Assert.True(lint.ExitCode == 0 && lint.Diagnostics.Count == 0, $"bicep lint infra/main.bicep:\n{lint.Output}{lint.Error}");

        // Lint and build report the modules' diagnostics too, as long as main.bicep uses every one of them.
        var main = File.ReadAllText(InfraPaths.MainBicep);
        foreach (var module in Directory.GetFiles(Path.Combine(InfraPaths.Infra, "modules"), "*.bicep"))
        {
            Assert.Contains($"'modules/{Path.GetFileName(module)}'", main, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_bicep_file_is_formatted_as_bicep_format_writes_it()
    {
        // Format a copy (with bicepconfig.json, which may set the style) and compare: run `bicep format --pattern 'infra/**/*.bicep'` to fix.
        var copy = Directory.CreateTempSubdirectory("alerts-bicep-format-");
        try
        {
            var files = Directory.GetFiles(InfraPaths.Infra, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(RepoPaths.Root, f)).ToList();
            foreach (var file in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy.FullName, file))!);
                File.Copy(RepoPaths.Combine(file), Path.Combine(copy.FullName, file));
            }
            var format = BicepCli.RunIn(copy.FullName, "format", "--pattern", "infra/**/*.bicep");
            Assert.True(format.ExitCode == 0, format.Error);
            var unformatted = files.Where(f => f.EndsWith(".bicep", StringComparison.Ordinal)
                && File.ReadAllText(RepoPaths.Combine(f)) != File.ReadAllText(Path.Combine(copy.FullName, f))).ToList();
            Assert.True(unformatted.Count == 0, "Not as `bicep format` writes them: " + string.Join(", ", unformatted));
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_linter_rules_are_at_warning_or_error()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraPaths.Infra, "bicepconfig.json")),
            documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject();
        Assert.True(rules.Count >= 30, "bicepconfig.json should set the linter rules explicitly.");
        // Only the two rules that judge by today's date or a registry are off (see the comment in bicepconfig.json).
        var off = rules.Where(r => r.Value!["level"]!.ToString() is not ("warning" or "error")).Select(r => r.Key).Order().ToArray();
        Assert.Equal(["use-recent-api-versions", "use-recent-module-versions"], off);
    }

    [Theory]
    [InlineData("Microsoft.Resources/resourceGroups")]
    [InlineData("Microsoft.ManagedIdentity/userAssignedIdentities")]
    [InlineData("Microsoft.Web/serverfarms")]
    [InlineData("Microsoft.Web/sites")]
    [InlineData("Microsoft.Web/sites/config")]
    [InlineData("Microsoft.Web/sites/basicPublishingCredentialsPolicies")]
    [InlineData("Microsoft.Storage/storageAccounts")]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers")]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables")]
    [InlineData("Microsoft.Storage/storageAccounts/queueServices/queues")]
    [InlineData("Microsoft.EventGrid/systemTopics")]
    [InlineData("Microsoft.EventGrid/systemTopics/eventSubscriptions")]
    [InlineData("Microsoft.CognitiveServices/accounts")]
    [InlineData("Microsoft.OperationalInsights/workspaces")]
    [InlineData("Microsoft.Insights/components")]
    [InlineData("Microsoft.Communication/communicationServices")]
    [InlineData("Microsoft.Communication/emailServices")]
    [InlineData("Microsoft.Communication/emailServices/domains")]
    [InlineData("Microsoft.Authorization/roleAssignments")]
    [InlineData("Microsoft.KeyVault/vaults")]
    [InlineData("Microsoft.Network/virtualNetworks")]
    [InlineData("Microsoft.Network/privateEndpoints")]
    [InlineData("Microsoft.Network/privateDnsZones")]
    [InlineData("Microsoft.Insights/actionGroups")]
    [InlineData("Microsoft.Insights/scheduledQueryRules")]
    public void Every_resource_family_is_declared(string type) =>
        Assert.NotEmpty(ArmTemplate.OfType(type));

    [Fact]
    public void Main_takes_the_azd_parameters_and_tags_everything_with_the_environment()
    {
        var parameters = ArmTemplate.Main["parameters"]!.AsObject();
        Assert.True(parameters.ContainsKey("environmentName"));
        Assert.True(parameters.ContainsKey("location"));
        Assert.Contains("azd-env-name", ArmTemplate.Main["variables"]!["tags"]!.ToJsonString(), StringComparison.Ordinal);

        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraPaths.Infra, "main.parameters.json")))!["parameters"]!.AsObject();
        Assert.Equal("${AZURE_ENV_NAME}", file["environmentName"]!["value"]!.ToString());
        Assert.Equal("${AZURE_LOCATION}", file["location"]!["value"]!.ToString());
        foreach (var (name, _) in file)
        {
            Assert.True(parameters.ContainsKey(name), $"main.parameters.json sets '{name}', which main.bicep does not declare.");
        }
    }

    [Fact]
    public void The_function_app_is_flex_consumption_dotnet_10_https_only_tls_12_without_basic_publishing()
    {
        var plan = Assert.Single(ArmTemplate.OfType("Microsoft.Web/serverfarms"));
        Assert.Equal("FC1", plan.Node["sku"]!["name"]!.ToString());
        Assert.Equal("FlexConsumption", plan.Node["sku"]!["tier"]!.ToString());

        var site = Assert.Single(ArmTemplate.OfType("Microsoft.Web/sites"));
        Assert.Equal("functionapp,linux", site.Node["kind"]!.ToString());
        Assert.Equal("UserAssigned", site.Node["identity"]!["type"]!.ToString());
        var properties = site.Properties!;
        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", properties["siteConfig"]!["minTlsVersion"]!.ToString());
        Assert.Equal("Disabled", properties["siteConfig"]!["ftpsState"]!.ToString());
        var config = properties["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.ToString());
        Assert.Equal("10.0", config["runtime"]!["version"]!.ToString());
        Assert.Equal("blobContainer", config["deployment"]!["storage"]!["type"]!.ToString());
        Assert.Equal("UserAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.ToString());
        // The azd service of azure.yaml finds the app by this tag.
        Assert.Contains("azd-service-name", site.Node["tags"]!.ToJsonString(), StringComparison.Ordinal);

        var policies = ArmTemplate.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["ftp", "scm"], policies.Select(p => p.Node["name"]!.ToString()[^6..^3]).Order());
        Assert.All(policies, p => Assert.False(p.Properties!["allow"]!.GetValue<bool>()));
    }

    [Fact]
    public void No_app_setting_holds_a_key_or_a_connection_string()
    {
        var settings = AppSettings.Bicep;
        Assert.NotEmpty(settings);
        foreach (var (name, value) in settings)
        {
            // The Application Insights connection string names the resource and its ingestion endpoint; it is no
            // secret, and with local auth off (checked below) it grants nothing without the identity's token.
            if (name == "APPLICATIONINSIGHTS_CONNECTION_STRING")
            {
                continue;
            }
            var text = value?.ToString() ?? "";
            Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("connectionString", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("primaryKey", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
            foreach (var forbidden in new[] { "key", "password", "secret", "connectionstring", "sas" })
            {
                Assert.False(name.Split("__").Last().EndsWith(forbidden, StringComparison.OrdinalIgnoreCase), $"App setting {name} looks like a secret.");
            }
        }
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain(StorageNames.Connection, settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]!.ToString());
        Assert.Equal("managedidentity", settings[$"{StorageNames.Connection}__credential"]!.ToString());
        Assert.StartsWith("[format('Authorization=AAD;ClientId={0}'", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_allows_no_shared_key_no_public_blobs_and_tls_12_only()
    {
        var account = Assert.Single(ArmTemplate.OfType("Microsoft.Storage/storageAccounts"));
        var properties = account.Properties!;
        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.ToString());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void Language_and_application_insights_accept_entra_tokens_only()
    {
        var language = Assert.Single(ArmTemplate.OfType("Microsoft.CognitiveServices/accounts"));
        Assert.Equal("TextAnalytics", language.Node["kind"]!.ToString());
        Assert.True(language.Properties!["disableLocalAuth"]!.GetValue<bool>());
        Assert.NotNull(language.Properties!["customSubDomainName"]);

        var insights = Assert.Single(ArmTemplate.OfType("Microsoft.Insights/components"));
        Assert.True(insights.Properties!["DisableLocalAuth"]!.GetValue<bool>());
        Assert.NotNull(insights.Properties!["WorkspaceResourceId"]);

        // With local auth off the app sends telemetry with the identity's token: it says so, and may publish.
        Assert.Equal("[format('Authorization=AAD;ClientId={0}', reference('identity').outputs.clientId.value)]", AppSettings.Bicep["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]!.ToString());
        var publisher = Assert.Single(ArmTemplate.OfType("Microsoft.Authorization/roleAssignments"),
            a => ArmTemplate.RoleDefinitionIds(a).Contains("3913510d-42f4-4e42-8a64-420c390055eb")); // Monitoring Metrics Publisher
        Assert.Equal("[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]", publisher.Node["scope"]!.ToString());
        Assert.Equal(ArmTemplate.ModuleParameter("monitoring", "applicationInsightsName")!.ToString(), ArmTemplate.ModuleParameter("roles", "applicationInsightsName")!.ToString());
    }

    [Fact]
    public void Email_is_sent_from_the_azure_managed_domain_or_once_verified_from_a_custom_one()
    {
        var domains = ArmTemplate.OfType("Microsoft.Communication/emailServices/domains").ToList();
        Assert.Equal(2, domains.Count);
        var managed = Assert.Single(domains, d => d.Properties!["domainManagement"]!.ToString() == "AzureManaged");
        Assert.Null(managed.Node["condition"]);
        // The custom domain exists only when one is given, under its own name.
        var custom = Assert.Single(domains, d => d.Properties!["domainManagement"]!.ToString() == "CustomerManaged");
        Assert.Equal("[not(empty(parameters('customDomain')))]", custom.Node["condition"]!.ToString());
        Assert.Contains("parameters('customDomain')", custom.Node["name"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("[and(not(empty(parameters('customDomain'))), parameters('customDomainVerified'))]", custom.Template["variables"]!["sendFromCustomDomain"]!.ToString());

        // One linked domain, and the sender on it: the custom one once verified, else the Azure-managed one.
        var communication = Assert.Single(ArmTemplate.OfType("Microsoft.Communication/communicationServices"));
        var linked = Assert.Single(communication.Properties!["linkedDomains"]!.AsArray())!.ToString();
        Assert.StartsWith("[if(variables('sendFromCustomDomain'), resourceId('Microsoft.Communication/emailServices/domains', parameters('emailServiceName'), if(empty(parameters('customDomain')), 'none', parameters('customDomain'))), resourceId('Microsoft.Communication/emailServices/domains', parameters('emailServiceName'), 'AzureManagedDomain'))]", linked, StringComparison.Ordinal);
        var sender = custom.Template["outputs"]!["senderAddress"]!["value"]!.ToString();
        Assert.Matches(@"^\[if\(variables\('sendFromCustomDomain'\), format\('DoNotReply@\{0\}', reference\(resourceId\('Microsoft\.Communication/emailServices/domains', parameters\('emailServiceName'\), if\(empty\(parameters\('customDomain'\)\), 'none', parameters\('customDomain'\)\)\).*'AzureManagedDomain'\)", sender);
        Assert.Equal("[reference('communication').outputs.senderAddress.value]", AppSettings.Bicep["Alerts__Email__Sender"]!.ToString());

        // azd fills both from the environment; the DNS records to add come out as an output.
        Assert.Equal("[parameters('emailDomain')]", ArmTemplate.ModuleParameter("communication", "customDomain")!.ToString());
        Assert.Equal("[parameters('emailDomainVerified')]", ArmTemplate.ModuleParameter("communication", "customDomainVerified")!.ToString());
        Assert.Equal("", ArmTemplate.Main["parameters"]!["emailDomain"]!["defaultValue"]!.ToString());
        Assert.False(ArmTemplate.Main["parameters"]!["emailDomainVerified"]!["defaultValue"]!.GetValue<bool>());
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraPaths.Infra, "main.parameters.json")))!["parameters"]!;
        Assert.Equal("${ALERTS_EMAIL_DOMAIN}", file["emailDomain"]!["value"]!.ToString());
        Assert.Equal("${ALERTS_EMAIL_DOMAIN_VERIFIED=false}", file["emailDomainVerified"]!["value"]!.ToString());
        Assert.Contains(".verificationRecords", custom.Template["outputs"]!["customDomainRecords"]!["value"]!.ToString(), StringComparison.Ordinal);
        foreach (var output in new[] { "AZURE_EMAIL_SENDER", "AZURE_COMMUNICATION_ENDPOINT", "AZURE_EMAIL_DOMAIN_RECORDS" })
        {
            Assert.NotNull(ArmTemplate.Main["outputs"]![output]);
        }
    }

    [Fact]
    public void The_public_base_url_is_the_default_host_name_azure_gives_the_app()
    {
        // Azure may give the app a host name with a suffix its name does not predict: the links must use the real one.
        var url = AppSettings.Bicep["Alerts__Subscriptions__PublicBaseUrl"]!.ToString();
        Assert.Equal("[if(empty(parameters('publicBaseUrl')), reference('functionApp').outputs.url.value, parameters('publicBaseUrl'))]", url);
        var output = ArmTemplate.Module("functionApp")["properties"]!["template"]!["outputs"]!["url"]!["value"]!.ToString();
        Assert.Matches(@"^\[format\('https://\{0\}', reference\(resourceId\('Microsoft\.Web/sites', parameters\('name'\)\), '[0-9-]+'\)\.defaultHostName\)\]$", output);
        Assert.DoesNotContain("azurewebsites.net", File.ReadAllText(InfraPaths.MainBicep), StringComparison.Ordinal);

        // The settings are written once the app exists, to that app.
        var config = Assert.Single(ArmTemplate.OfType("Microsoft.Web/sites/config"));
        Assert.Equal("settings", config.Module);
        Assert.Equal("[format('{0}/{1}', parameters('functionAppName'), 'appsettings')]", config.Node["name"]!.ToString());
        Assert.Equal("[parameters('settings')]", config.Properties!.ToString());
        Assert.Equal("[variables('functionAppName')]", ArmTemplate.ModuleParameter("settings", "functionAppName")!.ToString());
        Assert.Equal("[variables('functionAppName')]", ArmTemplate.ModuleParameter("functionApp", "name")!.ToString());
    }

    [Fact]
    public void The_containers_tables_and_queue_are_the_ones_the_code_uses()
    {
        var names = typeof(StorageNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(StorageNames.Connection))
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        Assert.NotEmpty(names);
        var variables = ArmTemplate.Main["variables"]!;
        // An entry is a name or a reference to a variable holding one.
        List<string> Names(string list) => [.. variables[list]!.AsArray().Select(n => n!.ToString())
            .Select(n => n.StartsWith("[variables('", StringComparison.Ordinal) ? variables[n[12..^3]]!.ToString() : n)];
        var containers = Names("containers");
        var tables = Names("tables");
        var queues = Names("queues");
        foreach (var (field, name) in names)
        {
            var list = field.EndsWith("Container", StringComparison.Ordinal) ? containers
                : field.EndsWith("Table", StringComparison.Ordinal) ? tables
                : field.EndsWith("Queue", StringComparison.Ordinal) ? queues
                : throw new InvalidOperationException($"StorageNames.{field}: say here whether it is a container, a table or a queue.");
            Assert.True(list.Contains(name), $"StorageNames.{field} ('{name}') is not created by infra/main.bicep.");
        }
        Assert.Equal(StorageNames.ArticlesContainer, variables["articlesContainer"]!.ToString());
        Assert.Equal("[variables('containers')]", ArmTemplate.ModuleParameter("storage", "containers")!.ToString());
        Assert.Equal("[variables('tables')]", ArmTemplate.ModuleParameter("storage", "tables")!.ToString());
        Assert.Equal("[variables('queues')]", ArmTemplate.ModuleParameter("storage", "queues")!.ToString());
    }

    [Fact]
    public void Each_role_assignment_names_the_app_identity()
    {
        var assignments = ArmTemplate.OfType("Microsoft.Authorization/roleAssignments").ToList();
        Assert.NotEmpty(assignments);
        var identityName = ArmTemplate.ModuleParameter("identity", "name")!.ToString();
        Assert.Equal(identityName, ArmTemplate.ModuleParameter("roles", "identityName")!.ToString());
        foreach (var assignment in assignments)
        {
            var principal = assignment.Properties!["principalId"]!.ToString();
            if (assignment.Module == "uploader")
            {
                // The one exception: the deploying user may upload articles and read results (optional, azd's AZURE_PRINCIPAL_ID).
                Assert.Equal("[parameters('principalId')]", principal);
                Assert.Equal("[parameters('principalType')]", assignment.Properties!["principalType"]!.ToString());
                continue;
            }
            Assert.Equal("roles", assignment.Module);
            Assert.Matches(@"^\[reference\(resourceId\('Microsoft\.ManagedIdentity/userAssignedIdentities', parameters\('identityName'\)\), '[0-9]{4}-[0-9]{2}-[0-9]{2}'\)\.principalId\]$", principal);
            Assert.Equal("ServicePrincipal", assignment.Properties!["principalType"]!.ToString());
        }
    }

    [Fact]
    public void The_identity_has_exactly_the_roles_the_code_needs()
    {
        var roles = ArmTemplate.OfType("Microsoft.Authorization/roleAssignments").Where(a => a.Module == "roles")
            .SelectMany(ArmTemplate.RoleDefinitionIds).Order().ToArray();
        string[] expected =
        [
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
            "7628b7b8-a8b2-4cdc-b46f-e9b35248918e", // Cognitive Services Language Reader (analyze-text, no key listing)
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
            "09976791-48a7-449e-bb21-39d1a415f350", // Communication and Email Service Owner
            "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", // Key Vault Secrets Officer (only with the optional Key Vault)
        ];
        Assert.Equal(expected.Order(), roles);
    }

    [Fact]
    public void The_uploader_roles_go_to_a_user_a_service_principal_or_a_group_as_azd_says()
    {
        // A service principal running azd in CI is refused a role assignment that says 'User'.
        var parameter = ArmTemplate.Main["parameters"]!["principalType"]!;
        Assert.Equal("User", parameter["defaultValue"]!.ToString());
        Assert.Equal(["User", "ServicePrincipal", "Group"], parameter["allowedValues"]!.AsArray().Select(v => v!.ToString()));
        Assert.Equal("[parameters('principalType')]", ArmTemplate.ModuleParameter("uploader", "principalType")!.ToString());
        var uploader = ArmTemplate.Resources.Where(r => r.Module == "uploader").ToList();
        Assert.Equal(3, uploader.Count(r => r.Type == "Microsoft.Authorization/roleAssignments"));
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraPaths.Infra, "main.parameters.json")))!["parameters"]!;
        Assert.Equal("${AZURE_PRINCIPAL_TYPE=User}", file["principalType"]!["value"]!.ToString());
    }

    [Fact]
    public void The_event_grid_subscription_sends_articles_blob_created_events_to_the_blob_trigger_webhook()
    {
        var subscription = Assert.Single(ArmTemplate.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
        var filter = subscription.Properties!["filter"]!;
        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter["includedEventTypes"]!.AsArray().Select(n => n!.ToString()));
        Assert.Equal("[format('/blobServices/default/containers/{0}/', parameters('container'))]", filter["subjectBeginsWith"]!.ToString());
        Assert.Equal("[variables('articlesContainer')]", ArmTemplate.ModuleParameter("eventGrid", "container")!.ToString());

        var destination = subscription.Properties!["destination"]!;
        Assert.Equal("WebHook", destination["endpointType"]!.ToString());
        var url = destination["properties"]!["endpointUrl"]!.ToString();
        Assert.Contains("/runtime/webhooks/blobs?functionName={1}&code={2}", url, StringComparison.Ordinal);
        Assert.Contains("listKeys(format('{0}/host/default'", url, StringComparison.Ordinal);
        Assert.Contains(".systemKeys.blobs_extension", url, StringComparison.Ordinal);
        var template = subscription.Template["parameters"]!["functionName"]!["defaultValue"]!.ToString();
        Assert.Equal($"Host.Functions.{nameof(Alerts.Functions.ArticleUploaded)}", template);

        var topic = Assert.Single(ArmTemplate.OfType("Microsoft.EventGrid/systemTopics"));
        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.Properties!["topicType"]!.ToString());
    }

    [Fact]
    public void Events_event_grid_cannot_deliver_are_dead_lettered_to_a_blob_with_the_identity_after_bounded_retries()
    {
        var subscription = Assert.Single(ArmTemplate.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
        var retry = subscription.Properties!["retryPolicy"]!;
        Assert.Equal("[parameters('maxDeliveryAttempts')]", retry["maxDeliveryAttempts"]!.ToString());
        Assert.Equal("[parameters('eventTimeToLiveInMinutes')]", retry["eventTimeToLiveInMinutes"]!.ToString());
        var parameters = subscription.Template["parameters"]!;
        Assert.Equal(30, parameters["maxDeliveryAttempts"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal(30, parameters["maxDeliveryAttempts"]!["maxValue"]!.GetValue<int>());
        Assert.Equal(1440, parameters["eventTimeToLiveInMinutes"]!["defaultValue"]!.GetValue<int>());

        // Dead letters go to a container of the app's storage account, written with the app's identity (no key).
        var deadLetter = subscription.Properties!["deadLetterWithResourceIdentity"]!;
        Assert.Equal("UserAssigned", deadLetter["identity"]!["type"]!.ToString());
        Assert.Equal("[parameters('identityId')]", deadLetter["identity"]!["userAssignedIdentity"]!.ToString());
        Assert.Equal("StorageBlob", deadLetter["deadLetterDestination"]!["endpointType"]!.ToString());
        var destination = deadLetter["deadLetterDestination"]!["properties"]!;
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", destination["resourceId"]!.ToString());
        Assert.Equal("[parameters('deadLetterContainer')]", destination["blobContainerName"]!.ToString());
        Assert.Null(subscription.Properties!["deadLetterDestination"]);

        Assert.Equal("[variables('deadLetterContainer')]", ArmTemplate.ModuleParameter("eventGrid", "deadLetterContainer")!.ToString());
        var variables = ArmTemplate.Main["variables"]!;
        Assert.Contains("[variables('deadLetterContainer')]", variables["containers"]!.AsArray().Select(n => n!.ToString()));
        Assert.NotEqual(variables["articlesContainer"]!.ToString(), variables["deadLetterContainer"]!.ToString());
        Assert.Equal("[reference('identity').outputs.id.value]", ArmTemplate.ModuleParameter("eventGrid", "identityId")!.ToString());
        Assert.Equal(ArmTemplate.ModuleParameter("storage", "name")!.ToString(), ArmTemplate.ModuleParameter("eventGrid", "storageAccountName")!.ToString());

        // The topic carries that identity (dead-lettering with an identity needs it on the topic), and the identity
        // may write blobs in that account.
        var topic = Assert.Single(ArmTemplate.OfType("Microsoft.EventGrid/systemTopics"));
        Assert.Equal("UserAssigned", topic.Node["identity"]!["type"]!.ToString());
        var topicIdentity = Assert.Single(topic.Node["identity"]!["userAssignedIdentities"]!.AsObject()).Key;
        Assert.Contains("parameters('identityId')", topicIdentity, StringComparison.Ordinal);
        Assert.Equal(ArmTemplate.ModuleParameter("storage", "name")!.ToString(), ArmTemplate.ModuleParameter("roles", "storageAccountName")!.ToString());
        var storageRoles = ArmTemplate.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.Module == "roles" && a.Node["scope"]!.ToString().Contains("Microsoft.Storage/storageAccounts", StringComparison.Ordinal))
            .SelectMany(ArmTemplate.RoleDefinitionIds);
        Assert.Contains("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", storageRoles); // Storage Blob Data Owner: writes blobs
    }

    [Fact]
    public void The_pipeline_alerts_on_itself_through_one_action_group_when_an_address_is_given()
    {
        // No address, no alerts module at all.
        var module = ArmTemplate.Module("alertRules");
        Assert.Equal("[not(empty(parameters('alertEmail')))]", module["condition"]!.ToString());
        Assert.Equal("", ArmTemplate.Main["parameters"]!["alertEmail"]!["defaultValue"]!.ToString());
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraPaths.Infra, "main.parameters.json")))!["parameters"]!;
        Assert.Equal("${ALERTS_ALERT_EMAIL}", file["alertEmail"]!["value"]!.ToString());

        var group = Assert.Single(ArmTemplate.OfType("Microsoft.Insights/actionGroups"));
        Assert.Equal("alertRules", group.Module);
        var receiver = Assert.Single(group.Properties!["emailReceivers"]!.AsArray())!;
        Assert.Equal("[parameters('alertEmail')]", receiver["emailAddress"]!.ToString());
        Assert.Equal("[parameters('alertEmail')]", ArmTemplate.ModuleParameter("alertRules", "alertEmail")!.ToString());
        Assert.True(group.Properties!["groupShortName"]!.ToString().Length <= 12);

        var rules = ArmTemplate.OfType("Microsoft.Insights/scheduledQueryRules").ToList();
        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            // Each rule reads the app's Application Insights and mails through the one action group.
            Assert.Equal("LogAlert", rule.Node["kind"]!.ToString());
            Assert.True(rule.Properties!["enabled"]!.GetValue<bool>());
            Assert.Equal(["[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]"], rule.Properties!["scopes"]!.AsArray().Select(n => n!.ToString()));
            Assert.Equal(["[resourceId('Microsoft.Insights/actionGroups', parameters('actionGroupName'))]"], rule.Properties!["actions"]!["actionGroups"]!.AsArray().Select(n => n!.ToString()));
            var criterion = Assert.Single(rule.Properties!["criteria"]!["allOf"]!.AsArray())!;
            Assert.Equal("GreaterThan", criterion["operator"]!.ToString());
            Assert.Equal(0, criterion["threshold"]!.GetValue<int>());
        }
        Assert.Equal(ArmTemplate.ModuleParameter("monitoring", "applicationInsightsName")!.ToString(), ArmTemplate.ModuleParameter("alertRules", "applicationInsightsName")!.ToString());

        // One rule per custom metric the app emits, each summing the metric over the window: its severity says who must act.
        var metricRule = Assert.Single(rules, r => r.Node["copy"] is not null);
        var criterionOfMetric = metricRule.Properties!["criteria"]!["allOf"]![0]!;
        Assert.Equal("[format('customMetrics | where name == ''{0}'' | extend Total = valueSum', variables('metricRules')[copyIndex()].metric)]", criterionOfMetric["query"]!.ToString());
        Assert.Equal("Total", criterionOfMetric["timeAggregation"]!.ToString());
        Assert.Equal("Total", criterionOfMetric["metricMeasureColumn"]!.ToString());
        Assert.Equal("[variables('metricRules')[copyIndex()].severity]", metricRule.Properties!["severity"]!.ToString());
        Assert.Equal("[length(variables('metricRules'))]", metricRule.Node["copy"]!["count"]!.ToString());
        var severities = metricRule.Template["variables"]!["metricRules"]!.AsArray()
            .ToDictionary(r => r!["metric"]!.ToString(), r => r!["severity"]!.GetValue<int>());
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["alerts.poison.messages"] = 1,       // a message gave up: its article or delivery waits for a person
                ["alerts.language.config_errors"] = 1, // Language refuses the app: every analysis falls back
                ["alerts.language.fallbacks"] = 2,     // degraded entities
                ["alerts.digests.failed"] = 2,         // retried on schedule
                ["alerts.articles.refused"] = 3,       // bad uploads, refused with a recorded reason
            }.OrderBy(p => p.Key),
            severities.OrderBy(p => p.Key));

        // Function runs that fail: the host records each run as a request.
        var failures = Assert.Single(rules, r => r.Node["copy"] is null);
        var failuresCriterion = failures.Properties!["criteria"]!["allOf"]![0]!;
        Assert.StartsWith("requests | where success == false", failuresCriterion["query"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("Count", failuresCriterion["timeAggregation"]!.ToString());
        Assert.Equal(1, failures.Properties!["severity"]!.GetValue<int>());
    }

    [Fact]
    public void Azure_yaml_deploys_the_function_project_with_azd()
    {
        var yaml = File.ReadAllText(RepoPaths.Combine("azure.yaml"));
        Assert.Contains("project: ./src/Alerts.Functions", yaml, StringComparison.Ordinal);
        Assert.Contains("language: dotnet", yaml, StringComparison.Ordinal);
        Assert.Contains("host: function", yaml, StringComparison.Ordinal);
        Assert.True(File.Exists(RepoPaths.Combine("src", "Alerts.Functions", "Alerts.Functions.csproj")));
        // The service name in azure.yaml is the tag azd looks for on the app.
        Assert.Contains("  functions:", yaml, StringComparison.Ordinal);
        Assert.Contains("'azd-service-name': 'functions'", File.ReadAllText(Path.Combine(InfraPaths.Infra, "modules", "functionapp.bicep")), StringComparison.Ordinal);
        foreach (var hook in new[] { "postdeploy.sh", "postdeploy.ps1" })
        {
            Assert.Contains($"./infra/hooks/{hook}", yaml, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(InfraPaths.Infra, "hooks", hook)));
        }
    }

    [Fact]
    public void Main_outputs_what_azd_and_the_readme_use()
    {
        var outputs = ArmTemplate.Main["outputs"]!.AsObject();
        foreach (var name in new[] { "AZURE_FUNCTION_APP_NAME", "AZURE_FUNCTION_APP_URL", "AZURE_STORAGE_ACCOUNT_NAME", "AZURE_LANGUAGE_ENDPOINT", "AZURE_CLIENT_ID", "AZURE_RESOURCE_GROUP", "APPLICATIONINSIGHTS_NAME" })
        {
            Assert.True(outputs.ContainsKey(name), $"main.bicep does not output {name}.");
        }
    }
}
