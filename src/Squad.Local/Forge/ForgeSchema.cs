namespace Squad.Local.Forge;

/// <summary>The SQL of each schema version; a new version is a new constant, never an edit of an old one.</summary>
internal static class ForgeSchema
{
    public const string Version1 = """
        CREATE TABLE pull_requests (
            id               INTEGER PRIMARY KEY,
            repository       TEXT    NOT NULL,
            number           INTEGER NOT NULL,
            title            TEXT    NOT NULL,
            body             TEXT    NOT NULL,
            head_branch      TEXT    NOT NULL,
            base_branch      TEXT    NOT NULL,
            author_login     TEXT    NOT NULL,
            state            TEXT    NOT NULL CHECK (state IN ('open', 'merged', 'closed')),
            base_sha         TEXT    NOT NULL,
            merge_commit_sha TEXT,
            created_at       TEXT    NOT NULL,
            updated_at       TEXT    NOT NULL,
            UNIQUE (repository, number)
        );

        -- One open pull request per head branch: the database holds the rule, not only the code.
        CREATE UNIQUE INDEX pull_requests_one_open_per_branch
            ON pull_requests (repository, head_branch) WHERE state = 'open';

        CREATE TABLE reviews (
            id              INTEGER PRIMARY KEY,
            pull_request_id INTEGER NOT NULL REFERENCES pull_requests (id),
            author_login    TEXT    NOT NULL,
            verdict         TEXT    NOT NULL CHECK (verdict IN ('approve', 'request_changes', 'comment')),
            body            TEXT    NOT NULL,
            commit_sha      TEXT    NOT NULL,
            submitted_at    TEXT    NOT NULL
        );

        CREATE INDEX reviews_by_pull_request ON reviews (pull_request_id, id);

        CREATE TABLE comments (
            id              INTEGER PRIMARY KEY,
            pull_request_id INTEGER NOT NULL REFERENCES pull_requests (id),
            author_login    TEXT    NOT NULL,
            body            TEXT    NOT NULL,
            created_at      TEXT    NOT NULL
        );

        CREATE INDEX comments_by_pull_request ON comments (pull_request_id, id);
        """;
}
