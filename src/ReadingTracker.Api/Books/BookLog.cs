namespace ReadingTracker.Api.Books;

/// <summary>Named events of the book providers (stable ids 41xx).</summary>
internal static partial class BookLog
{
    [LoggerMessage(EventId = 4101, EventName = "BookProviderUnreachable", Level = LogLevel.Warning,
        Message = "Book provider {Provider} unreachable during {Operation}: {Reason}")]
    public static partial void ProviderUnreachable(ILogger logger, string provider, string operation, string reason);

    [LoggerMessage(EventId = 4102, EventName = "BookProviderBadAnswer", Level = LogLevel.Warning,
        Message = "Book provider {Provider} answered {Operation} badly: {Reason}")]
    public static partial void ProviderBadAnswer(ILogger logger, string provider, string operation, string reason);

    [LoggerMessage(EventId = 4103, EventName = "BookProviderHealthChanged", Level = LogLevel.Information,
        Message = "Book provider {Provider} reachable: {Reachable}")]
    public static partial void HealthChanged(ILogger logger, string provider, bool reachable);

    [LoggerMessage(EventId = 4104, EventName = "BookProviderFallback", Level = LogLevel.Warning,
        Message = "{Provider} could not answer a {Operation} ({Code}); {Fallback} answers instead")]
    public static partial void FellBack(ILogger logger, string provider, string fallback, string operation, string code);
}
