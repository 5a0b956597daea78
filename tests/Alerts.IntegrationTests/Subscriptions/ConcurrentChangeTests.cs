using System.Net;
using Alerts.Api;
using Alerts.Subscriptions;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.IntegrationTests.Subscriptions;

/// <summary>
/// Two requests at once against one subscription, over HTTP, on Azurite: a DELETE racing PATCHes, and many PATCHes
/// racing each other. An unsubscribed subscription stays unsubscribed, and a request that loses every race gets a
/// problem it can act on, never a 500.
/// </summary>
[Collection(AzuriteGroup.Name)]
[Trait("Suite", "Abuse")]
public sealed class ConcurrentChangeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_delete_racing_patches_to_active_leaves_the_subscription_unsubscribed()
    {
        await using var server = await ApiServer.StartAsync(azurite, Channels.ChannelSettings.For());
        for (var trial = 0; trial < 10; trial++)
        {
            var subscription = await SubscriptionRows.AddActiveAsync(server.Services);
            await server.Http.PatchAsync(new Uri($"/api/subscriptions/{subscription.Id}", UriKind.Relative), SubscriptionRows.Json(new { status = "paused" }));
            var path = new Uri($"/api/subscriptions/{subscription.Id}", UriKind.Relative);
            using var start = new SemaphoreSlim(0);
            var delete = Task.Run(async () => { await start.WaitAsync(); return await server.Http.DeleteAsync(path); });
            var patches = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                await start.WaitAsync();
                return await server.Http.PatchAsync(path, SubscriptionRows.Json(new { status = "active" }));
            })).ToList();
            start.Release(5);

            var deleted = await delete;
            var patched = await Task.WhenAll(patches);

            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.All(patched, p => Assert.Contains(p.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Conflict }));
            Assert.Equal(SubscriptionStatus.Unsubscribed, await SubscriptionRows.StatusAsync(server.Services, subscription.Id));
            var afterwards = await server.Http.PatchAsync(path, SubscriptionRows.Json(new { status = "active" }));
            Assert.Equal(HttpStatusCode.NotFound, afterwards.StatusCode);
        }
    }

    [Fact]
    public async Task A_patch_whose_write_lands_after_an_unsubscribe_does_not_bring_it_back()
    {
        // The race made certain: the unsubscribe is written between the PATCH's read of the row and its write.
        var unsubscribeFirst = new OneShot();
        await using var services = azurite.BuildServices(Channels.ChannelSettings.For(), s =>
        {
            s.RemoveAll<ISubscriptionStore>();
            s.AddSingleton<TableSubscriptionStore>();
            s.AddSingleton<ISubscriptionStore>(p => new InterferingStore(p.GetRequiredService<TableSubscriptionStore>(), unsubscribeFirst.Run));
        });
        var subscription = await SubscriptionRows.AddActiveAsync(services);
        await services.GetRequiredService<ISubscriptionStore>().UpdateAsync(subscription.Id, s => s with { Status = SubscriptionStatus.Paused }, CancellationToken.None);
        unsubscribeFirst.Arm();

        var response = await services.GetRequiredService<SubscriptionApi>().PatchAsync(subscription.Id, new MemoryStream("{\"status\":\"active\"}"u8.ToArray()), CancellationToken.None);

        Assert.Equal(404, response.Status);
        Assert.Equal(SubscriptionStatus.Unsubscribed, await SubscriptionRows.StatusAsync(services, subscription.Id));
    }

    [Fact]
    public async Task Parallel_patches_each_answer_200_or_409_with_a_problem_and_retry_after_never_500()
    {
        await using var server = await ApiServer.StartAsync(azurite, Channels.ChannelSettings.For());
        var subscription = await SubscriptionRows.AddActiveAsync(server.Services);
        var path = new Uri($"/api/subscriptions/{subscription.Id}", UriKind.Relative);
        using var start = new SemaphoreSlim(0);
        var patches = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await server.Http.PatchAsync(path, SubscriptionRows.Json(i % 2 == 0
                ? new { status = "paused", cadence = "hourly" }
                : (object)new { status = "active", cadence = "immediate" }));
        })).ToList();
        start.Release(40);

        var responses = await Task.WhenAll(patches);

        foreach (var response in responses)
        {
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Contains("Send the request again", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        // The stored subscription is one of the PATCHes, whole: never one's status with the other's cadence.
        var stored = await server.Services.GetRequiredService<ISubscriptionStore>().GetAsync(subscription.Id, CancellationToken.None);
        Assert.Contains((stored!.Status, stored.Cadence.Kind), new[] { (SubscriptionStatus.Paused, CadenceKind.Hourly), (SubscriptionStatus.Active, CadenceKind.Immediate) });
        await server.Http.DeleteAsync(path);
    }

    [Fact]
    public async Task A_patch_that_loses_every_race_gets_409_with_a_problem_and_nothing_changes()
    {
        // Every time the PATCH is about to write, someone else writes the row first.
        var tables = new TableServiceClient(azurite.ConnectionString).GetTableClient("subscriptions");
        await using var services = azurite.BuildServices(Channels.ChannelSettings.For(), s =>
        {
            s.RemoveAll<ISubscriptionStore>();
            s.AddSingleton<TableSubscriptionStore>();
            s.AddSingleton<ISubscriptionStore>(p => new InterferingStore(p.GetRequiredService<TableSubscriptionStore>(), async (id, _) =>
            {
                var row = (await tables.GetEntityAsync<TableEntity>("sub", id)).Value;
                row["LastError"] = $"touched {Guid.NewGuid():N}";
                await tables.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
            }));
        });
        var subscription = await SubscriptionRows.AddActiveAsync(services);

        var response = await services.GetRequiredService<SubscriptionApi>().PatchAsync(subscription.Id, new MemoryStream("{\"status\":\"paused\"}"u8.ToArray()), CancellationToken.None);

        Assert.Equal(409, response.Status);
        Assert.Contains("Send the request again", string.Join(' ', Assert.IsType<ApiProblem>(response.Json).Errors), StringComparison.Ordinal);
        Assert.Equal("1", response.Headers["Retry-After"]);
        Assert.Equal(SubscriptionStatus.Active, await SubscriptionRows.StatusAsync(services, subscription.Id));
    }

    /// <summary>Runs an interference once, when armed.</summary>
    private sealed class OneShot
    {
        private int _armed;
        private ISubscriptionStore? _store;

        public void Arm() => Interlocked.Exchange(ref _armed, 1);

        public async Task Run(string id, ISubscriptionStore inner)
        {
            _store = inner;
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                await _store.UpdateAsync(id, s => s with { Status = SubscriptionStatus.Unsubscribed }, CancellationToken.None);
            }
        }
    }
}

/// <summary>
/// The real store, with another writer getting in between each update's read of the row and its write: the
/// interference runs inside the change, so the update's conditional write then finds the row changed.
/// </summary>
internal sealed class InterferingStore(ISubscriptionStore inner, Func<string, ISubscriptionStore, Task> interfere) : ISubscriptionStore
{
    public Task AddAsync(Subscription subscription, CancellationToken cancellationToken) => inner.AddAsync(subscription, cancellationToken);

    public Task<Subscription?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public IAsyncEnumerable<Subscription> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public Task<Subscription?> UpdateAsync(string id, Func<Subscription, Subscription> change, CancellationToken cancellationToken) =>
        inner.UpdateAsync(id, s =>
        {
            var changed = change(s);
            if (!ReferenceEquals(changed, s))
            {
                interfere(id, inner).GetAwaiter().GetResult();
            }
            return changed;
        }, cancellationToken);
}
