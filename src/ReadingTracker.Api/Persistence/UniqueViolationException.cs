namespace ReadingTracker.Api.Persistence;

/// <summary>Primary rejected a write because a unique key already holds the value; nothing was written.</summary>
public sealed class UniqueViolationException(Exception inner) : Exception("A unique key rejected the write.", inner);
