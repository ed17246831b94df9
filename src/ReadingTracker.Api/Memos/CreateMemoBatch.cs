using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Quota;
using ReadingTracker.Api.Shelf;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Memos;

public sealed record CreateMemoBatchRequest(IReadOnlyList<CreateMemoRequest?>? Memos) : IWriteRowCount
{
    /// <summary>Each item is a row of the quota; an over-long batch is refused by validation, so it counts as a full one.</summary>
    public int WriteRowCount => Math.Clamp(Memos?.Count ?? 0, 1, CreateMemoBatch.MaxItems);
}

/// <summary>One result per requested memo, in request order: 200 with the memo, or the error that one memo would have got alone.</summary>
public sealed record MemoBatchItemResult(string? ClientId, int Status, MemoResponse? Memo, ApiErrorBody? Error);

public sealed record MemoBatchResponse(IReadOnlyList<MemoBatchItemResult> Results);

/// <summary>
/// POST /memos/batch: the offline client's queue of creates in one request (1,000 memos written offline reach
/// the server in seconds, docs/benchmarks.md). Every item needs a clientId, which makes each one idempotent on
/// its own: a retried batch answers the memos it already created. All new memos are one WriteBatch, so both
/// masters get all of them or none (503 for the whole request). An invalid item fails alone, with its reason.
/// </summary>
public static class CreateMemoBatch
{
    public const int MaxItems = 100;
    private const int Attempts = 3;

    private sealed record Prepared(int Index, string ClientId, Memo Memo);

    public static async Task<Ok<ApiResponse<MemoBatchResponse>>> Handle(
        CreateMemoBatchRequest request, CurrentUser user, MemoStore memos, ShelfStore shelf, TagCatalog catalog,
        DualWriter writer, IdGenerator ids, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required(request.Memos, "memos");
        if (request.Memos is { Count: 0 } or { Count: > MaxItems })
        {
            v.Add("memos", $"메모는 한 번에 1개에서 {MaxItems}개까지 보낼 수 있습니다.", $"Send between 1 and {MaxItems} memos at a time.");
        }

        v.ThrowIfInvalid();
        var items = request.Memos!;
        var results = new MemoBatchItemResult?[items.Count];
        var prepared = await PrepareAsync(items, results, user, shelf, catalog, ids, time, http, ct);

        for (var attempt = 1; ; attempt++)
        {
            var existing = (await memos.FindByClientIdsAsync(user.Id, [.. prepared.Select(p => p.ClientId).Distinct()], ct))
                .ToDictionary(m => m.Row.ClientId!, StringComparer.Ordinal);
            var fresh = prepared.Where(p => !existing.ContainsKey(p.ClientId)).DistinctBy(p => p.ClientId).ToList();
            try
            {
                if (fresh.Count > 0)
                {
                    await writer.WriteAsync(new WriteBatch().AddNew(fresh.Select(p => p.Memo)), ct);
                }
            }
            catch (UniqueViolationException) when (attempt < Attempts)
            {
                // A concurrent create (another tab, the service worker) inserted one of these clientIds first: re-read.
                continue;
            }

            await writer.ConfirmOnBothAsync(MemoTable.Table.Name, [.. existing.Values.Select(m => m.Row.Id)], ct);
            var created = fresh.ToDictionary(p => p.ClientId, p => p.Memo, StringComparer.Ordinal);
            foreach (var p in prepared)
            {
                var memo = existing.GetValueOrDefault(p.ClientId) ?? created[p.ClientId];
                results[p.Index] = new MemoBatchItemResult(p.ClientId, StatusCodes.Status200OK, memo.ToResponse(user.TimeZone), null);
            }

            return Envelope.Ok(new MemoBatchResponse([.. results.Select(r => r!)]));
        }
    }

    private static async Task<List<Prepared>> PrepareAsync(
        IReadOnlyList<CreateMemoRequest?> items, MemoBatchItemResult?[] results, CurrentUser user, ShelfStore shelf,
        TagCatalog catalog, IdGenerator ids, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var tags = await catalog.ForCodesAsync(user.Id, items.SelectMany(i => i?.Tags ?? []), ct);
        var entries = new Dictionary<long, ShelfEntryRow?>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var prepared = new List<Prepared>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            try
            {
                var valid = CreateMemoRules.Validate(item, user.TimeZone, time, clientIdRequired: true);
                if (!entries.TryGetValue(valid.UserBookId, out var entry))
                {
                    entries[valid.UserBookId] = entry = await shelf.FindEntryAsync(user.Id, valid.UserBookId, ct);
                }

                if (entry is null)
                {
                    throw ShelfErrors.EntryNotFound();
                }

                prepared.Add(new Prepared(i, valid.ClientId!, CreateMemoRules.Build(valid, user.Id, entry, tags, ids, now)));
            }
            catch (Exception ex) when (ErrorTable.Map(ex, http) is { Kind: not ErrorKind.Unexpected } error)
            {
                results[i] = new MemoBatchItemResult(item?.ClientId, error.Status, null, error.Body);
            }
        }

        return prepared;
    }
}
