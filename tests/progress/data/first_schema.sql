-- A progress database as prep wrote it at migration 1, the first schema:
-- made by the Store of commit f7c7e1d (not by today's code), with two
-- sessions and three attempts. Frozen on purpose: never regenerate it; the
-- migration test loads it to show that today's Store carries it forward.
BEGIN TRANSACTION;
CREATE TABLE attempts (
                id INTEGER PRIMARY KEY,
                session_id INTEGER NOT NULL REFERENCES sessions(id),
                question_id TEXT NOT NULL,
                topic TEXT NOT NULL,
                kind TEXT NOT NULL,
                answer TEXT NOT NULL,
                verdict TEXT NOT NULL,
                score REAL NOT NULL,
                mistake TEXT,
                rating TEXT,
                hinted INTEGER NOT NULL DEFAULT 0,
                duration_s REAL NOT NULL,
                answered_at TEXT NOT NULL
            );
INSERT INTO "attempts" VALUES(1,1,'losses.bce','losses','symbolic','-(y log p + (1-y) log(1-p))','correct',1.0,NULL,NULL,0,18.4,'2026-11-02T09:15:20.000+00:00');
INSERT INTO "attempts" VALUES(2,1,'attention.scaling-factor','attention','symbolic','1/d_k','incorrect',0.0,'1/d_k',NULL,1,31.0,'2026-11-02T09:15:55.000+00:00');
INSERT INTO "attempts" VALUES(3,2,'attention.scaling-factor','attention','symbolic','1/sqrt(d_k)','correct',1.0,NULL,NULL,0,2.5,'2026-11-03T09:15:55.000+00:00');
CREATE TABLE schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );
INSERT INTO "schema_migrations" VALUES(1,'attempts and sessions','2026-11-02T09:14:58+00:00');
CREATE TABLE sessions (
                id INTEGER PRIMARY KEY,
                command TEXT NOT NULL,
                started_at TEXT NOT NULL
            );
INSERT INTO "sessions" VALUES(1,'quiz','2026-11-02T09:15:00.000+00:00');
INSERT INTO "sessions" VALUES(2,'check','2026-11-03T09:15:55.000+00:00');
CREATE INDEX attempts_by_question ON attempts(question_id, answered_at);
CREATE INDEX attempts_by_topic ON attempts(topic, answered_at);
COMMIT;
