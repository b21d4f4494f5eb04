-- The first schema of a Rapport workspace (migration m001_initial in surveys/migrations.py).
-- Never edited: the schema changes by new migrations. The indentation is kept as it was
-- when the statements lived in the migration, so sqlite_master holds the same text.
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE departments (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            headcount INTEGER CHECK (headcount IS NULL OR headcount >= 0),
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE surveys (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            definition TEXT NOT NULL,
            created_day TEXT
        );
        CREATE TABLE waves (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            survey_id INTEGER REFERENCES surveys(id),
            opens TEXT,
            closes TEXT,
            status TEXT NOT NULL DEFAULT 'closed'
                CHECK (status IN ('draft', 'open', 'closed')),
            rotation INTEGER NOT NULL DEFAULT 0,
            targets TEXT
        );
        CREATE TABLE submissions (
            id TEXT PRIMARY KEY,
            wave_id INTEGER NOT NULL REFERENCES waves(id),
            department_id INTEGER NOT NULL REFERENCES departments(id),
            day TEXT,
            token TEXT,
            source TEXT NOT NULL DEFAULT 'csv'
        );
        CREATE UNIQUE INDEX submissions_wave_token
            ON submissions(wave_id, token) WHERE token IS NOT NULL;
        CREATE INDEX submissions_wave_department ON submissions(wave_id, department_id);
        CREATE TABLE answers (
            submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
            wave_id INTEGER NOT NULL REFERENCES waves(id),
            from_id INTEGER NOT NULL REFERENCES departments(id),
            to_id INTEGER NOT NULL REFERENCES departments(id),
            item TEXT NOT NULL,
            value INTEGER NOT NULL,
            PRIMARY KEY (submission_id, to_id, item)
        ) WITHOUT ROWID;
        CREATE INDEX answers_wave_pair ON answers(wave_id, from_id, to_id, item, value);
        CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
            wave_id INTEGER NOT NULL REFERENCES waves(id),
            from_id INTEGER NOT NULL REFERENCES departments(id),
            to_id INTEGER NOT NULL REFERENCES departments(id),
            text TEXT NOT NULL,
            redacted TEXT,
            sentiment REAL,
            label TEXT,
            conflict REAL,
            orientation TEXT,
            markers TEXT,
            themes TEXT,
            analysed_with TEXT,
            label_corrected TEXT
                CHECK (label_corrected IS NULL
                       OR label_corrected IN ('negative', 'neutral', 'positive')),
            UNIQUE (submission_id, to_id)
        );
        CREATE INDEX comments_wave_pair ON comments(wave_id, from_id, to_id);
        CREATE INDEX comments_analysed ON comments(analysed_with);
        CREATE TABLE topics (
            id INTEGER PRIMARY KEY,
            run TEXT NOT NULL,
            number INTEGER NOT NULL,
            label TEXT NOT NULL,
            terms TEXT NOT NULL,
            representative_id INTEGER REFERENCES comments(id) ON DELETE SET NULL,
            size INTEGER NOT NULL DEFAULT 0,
            UNIQUE (run, number)
        );
        CREATE TABLE topic_assignments (
            comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
            topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            weight REAL NOT NULL,
            PRIMARY KEY (comment_id, topic_id)
        );
        CREATE INDEX topic_assignments_topic ON topic_assignments(topic_id);
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            from_id INTEGER NOT NULL REFERENCES departments(id),
            to_id INTEGER NOT NULL REFERENCES departments(id),
            wave_id INTEGER REFERENCES waves(id),
            title TEXT NOT NULL,
            owner TEXT,
            due TEXT,
            status TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'in progress', 'done', 'dropped')),
            notes TEXT,
            created_day TEXT
        );
        CREATE INDEX actions_pair ON actions(from_id, to_id);
        CREATE TABLE export_log (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            kind TEXT NOT NULL,
            path TEXT NOT NULL,
            wave TEXT,
            detail TEXT
        );
        