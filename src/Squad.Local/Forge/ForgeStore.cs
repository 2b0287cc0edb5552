using Microsoft.Data.Sqlite;
using Squad.Core.Domain;
using Squad.Core.Forge;

namespace Squad.Local.Forge;

/// <summary>Pull requests, reviews and comments of the local forge, in plain ADO.NET.</summary>
internal sealed class ForgeStore(ForgeDatabase database, TimeProvider timeProvider)
{
    private const string PullRequestColumns =
        "id, repository, number, title, body, head_branch, base_branch, author_login, state, base_sha, merge_commit_sha, created_at, updated_at";

    public Task<PullRequestRow?> GetAsync(string repository, int number, CancellationToken cancellationToken)
        => database.ReadAsync(connection => QuerySingleAsync(
            connection, null, "WHERE repository = $repository AND number = $number",
            cancellationToken, ("$repository", repository), ("$number", number)), cancellationToken);

    public Task<PullRequestRow?> FindNewestByHeadAsync(string repository, string headBranch, CancellationToken cancellationToken)
        => database.ReadAsync(connection => QuerySingleAsync(
            connection, null, "WHERE repository = $repository AND head_branch = $head ORDER BY number DESC LIMIT 1",
            cancellationToken, ("$repository", repository), ("$head", headBranch)), cancellationToken);

    public Task<PullRequestRow?> FindOpenByHeadAsync(string repository, string headBranch, CancellationToken cancellationToken)
        => database.ReadAsync(connection => FindOpenAsync(connection, null, repository, headBranch, cancellationToken), cancellationToken);

    /// <summary>
    /// Opens a pull request, or answers the open one of the same head branch. The check and the
    /// number allocation share one immediate transaction, so concurrent callers never collide.
    /// </summary>
    public Task<(PullRequestRow Row, bool Created)> CreateAsync(string repository, NewPullRequest request, string baseSha, CancellationToken cancellationToken)
        => database.WriteAsync(async (connection, transaction) =>
        {
            if (await FindOpenAsync(connection, transaction, repository, request.HeadBranch, cancellationToken) is { } existing)
            {
                return (existing, false);
            }

            var now = Format(timeProvider.GetUtcNow());
            await using var command = Command(connection, transaction, """
                INSERT INTO pull_requests (repository, number, title, body, head_branch, base_branch, author_login, state, base_sha, created_at, updated_at)
                VALUES ($repository,
                        (SELECT COALESCE(MAX(number), 0) + 1 FROM pull_requests WHERE repository = $repository),
                        $title, $body, $head, $base, $author, 'open', $baseSha, $now, $now)
                RETURNING number;
                """,
                ("$repository", repository), ("$title", request.Title), ("$body", request.Body), ("$head", request.HeadBranch),
                ("$base", request.BaseBranch), ("$author", request.Author.Login), ("$baseSha", baseSha), ("$now", now));
            var number = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            var created = await QuerySingleAsync(connection, transaction, "WHERE repository = $repository AND number = $number",
                cancellationToken, ("$repository", repository), ("$number", number));
            return (created!, true);
        }, cancellationToken);

    public Task TouchAsync(long pullRequestId, CancellationToken cancellationToken)
        => database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, "UPDATE pull_requests SET updated_at = $now WHERE id = $id;",
                ("$now", Format(timeProvider.GetUtcNow())), ("$id", pullRequestId));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Marks an open pull request merged; false when it was no longer open.</summary>
    public Task<bool> MarkMergedAsync(long pullRequestId, string mergeCommitSha, CancellationToken cancellationToken)
        => database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, """
                UPDATE pull_requests SET state = 'merged', merge_commit_sha = $sha, updated_at = $now
                WHERE id = $id AND state = 'open';
                """,
                ("$sha", mergeCommitSha), ("$now", Format(timeProvider.GetUtcNow())), ("$id", pullRequestId));
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task<Review> AddReviewAsync(long pullRequestId, ReviewSubmission review, CancellationToken cancellationToken)
        => database.WriteAsync(async (connection, transaction) =>
        {
            var now = timeProvider.GetUtcNow();
            await using var command = Command(connection, transaction, """
                INSERT INTO reviews (pull_request_id, author_login, verdict, body, commit_sha, submitted_at)
                VALUES ($pr, $author, $verdict, $body, $sha, $now) RETURNING id;
                """,
                ("$pr", pullRequestId), ("$author", review.Reviewer.Login), ("$verdict", ForgeColumns.FromVerdict(review.Verdict)),
                ("$body", review.Body), ("$sha", review.CommitSha), ("$now", Format(now)));
            var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return new Review { Id = id, Author = review.Reviewer.Login, Verdict = review.Verdict, Body = review.Body, CommitSha = review.CommitSha, SubmittedAt = now };
        }, cancellationToken);

    public Task<IReadOnlyList<Review>> ListReviewsAsync(long pullRequestId, CancellationToken cancellationToken)
        => database.ReadAsync<IReadOnlyList<Review>>(async connection =>
        {
            await using var command = Command(connection, null,
                "SELECT id, author_login, verdict, body, commit_sha, submitted_at FROM reviews WHERE pull_request_id = $pr ORDER BY id;",
                ("$pr", pullRequestId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var reviews = new List<Review>();
            while (await reader.ReadAsync(cancellationToken))
            {
                reviews.Add(new Review
                {
                    Id = reader.GetInt64(0),
                    Author = reader.GetString(1),
                    Verdict = ForgeColumns.ToVerdict(reader.GetString(2)),
                    Body = reader.GetString(3),
                    CommitSha = reader.GetString(4),
                    SubmittedAt = ForgeColumns.ParseTime(reader.GetString(5)),
                });
            }

            return reviews;
        }, cancellationToken);

    public Task<PullRequestComment> AddCommentAsync(long pullRequestId, Identity author, string body, CancellationToken cancellationToken)
        => database.WriteAsync(async (connection, transaction) =>
        {
            var now = timeProvider.GetUtcNow();
            await using var command = Command(connection, transaction,
                "INSERT INTO comments (pull_request_id, author_login, body, created_at) VALUES ($pr, $author, $body, $now) RETURNING id;",
                ("$pr", pullRequestId), ("$author", author.Login), ("$body", body), ("$now", Format(now)));
            var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return new PullRequestComment { Id = id, Author = author.Login, Body = body, CreatedAt = now };
        }, cancellationToken);

    public Task<IReadOnlyList<PullRequestComment>> ListCommentsAsync(long pullRequestId, CancellationToken cancellationToken)
        => database.ReadAsync<IReadOnlyList<PullRequestComment>>(async connection =>
        {
            await using var command = Command(connection, null,
                "SELECT id, author_login, body, created_at FROM comments WHERE pull_request_id = $pr ORDER BY id;",
                ("$pr", pullRequestId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var comments = new List<PullRequestComment>();
            while (await reader.ReadAsync(cancellationToken))
            {
                comments.Add(new PullRequestComment
                {
                    Id = reader.GetInt64(0),
                    Author = reader.GetString(1),
                    Body = reader.GetString(2),
                    CreatedAt = ForgeColumns.ParseTime(reader.GetString(3)),
                });
            }

            return comments;
        }, cancellationToken);

    private static Task<PullRequestRow?> FindOpenAsync(SqliteConnection connection, SqliteTransaction? transaction, string repository, string headBranch, CancellationToken cancellationToken)
        => QuerySingleAsync(connection, transaction, "WHERE repository = $repository AND head_branch = $head AND state = 'open'",
            cancellationToken, ("$repository", repository), ("$head", headBranch));

    private static async Task<PullRequestRow?> QuerySingleAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string filter, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, $"SELECT {PullRequestColumns} FROM pull_requests {filter};", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new PullRequestRow
        {
            Id = reader.GetInt64(0),
            Repository = reader.GetString(1),
            Number = reader.GetInt32(2),
            Title = reader.GetString(3),
            Body = reader.GetString(4),
            HeadBranch = reader.GetString(5),
            BaseBranch = reader.GetString(6),
            AuthorLogin = reader.GetString(7),
            State = ForgeColumns.ToState(reader.GetString(8)),
            BaseSha = reader.GetString(9),
            MergeCommitSha = reader.IsDBNull(10) ? null : reader.GetString(10),
            CreatedAt = ForgeColumns.ParseTime(reader.GetString(11)),
            UpdatedAt = ForgeColumns.ParseTime(reader.GetString(12)),
        };
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static string Format(DateTimeOffset time) => ForgeColumns.FormatTime(time);
}
