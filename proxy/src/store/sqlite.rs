//! The embedded store: one SQLite database (a file, or `:memory:`), schema created at start.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{merge_token, LearnedToken, Session, SessionStore, StoreError};

const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sessions (
    key              TEXT PRIMARY KEY,
    account          TEXT,
    user_token       TEXT,
    token_expires_at INTEGER,
    last_signed_at   INTEGER,
    created_at       INTEGER NOT NULL,
    last_seen        INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS payloads (
    uuid        TEXT PRIMARY KEY,
    session_key TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS payloads_by_session ON payloads(session_key);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    payload_uuid TEXT PRIMARY KEY,
    attempt      INTEGER NOT NULL,
    received_at  INTEGER NOT NULL
);
";

/// Sessions in SQLite. One connection behind a mutex: the proxy's queries are tiny.
pub struct SqliteStore {
    conn: Mutex<Connection>,
}

fn db_err(e: rusqlite::Error) -> StoreError {
    StoreError(e.to_string())
}

impl SqliteStore {
    /// Opens (or creates) the database at `path`; `:memory:` keeps everything in memory and loses
    /// it when the process ends. Creates the schema if needed and refuses a database written by a
    /// newer version of the proxy.
    pub fn open(path: &str) -> Result<Self, StoreError> {
        let conn = if path == ":memory:" {
            Connection::open_in_memory().map_err(db_err)?
        } else {
            if let Some(parent) = Path::new(path).parent() {
                if !parent.as_os_str().is_empty() && !parent.exists() {
                    return Err(StoreError(format!(
                        "the directory of {path} does not exist"
                    )));
                }
            }
            let conn = Connection::open(path)
                .map_err(|e| StoreError(format!("cannot open {path}: {e}")))?;
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(db_err)?;
            conn
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(db_err)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(db_err)?;
        if version > SCHEMA_VERSION {
            return Err(StoreError(format!(
                "{path} has schema version {version}, newer than this proxy understands ({SCHEMA_VERSION})"
            )));
        }
        conn.execute_batch(SCHEMA).map_err(db_err)?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(db_err)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Connection>, StoreError> {
        self.conn
            .lock()
            .map_err(|_| StoreError("a previous database call panicked".into()))
    }
}

fn session_from_row(row: &Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        key: row.get(0)?,
        account: row.get(1)?,
        user_token: row.get(2)?,
        token_expires_at: row.get(3)?,
        last_signed_at: row.get(4)?,
        created_at: row.get(5)?,
        last_seen: row.get(6)?,
    })
}

const SELECT_SESSION: &str =
    "SELECT key, account, user_token, token_expires_at, last_signed_at, created_at, last_seen
     FROM sessions WHERE key = ?1";

fn read_session(conn: &Connection, key: &str) -> Result<Option<Session>, StoreError> {
    conn.query_row(SELECT_SESSION, params![key], session_from_row)
        .optional()
        .map_err(db_err)
}

impl SessionStore for SqliteStore {
    fn create_session(&self, key: &str, now: i64) -> Result<Session, StoreError> {
        let conn = self.lock()?;
        conn.execute(
            "INSERT INTO sessions (key, created_at, last_seen) VALUES (?1, ?2, ?2)",
            params![key, now],
        )
        .map_err(db_err)?;
        Ok(Session {
            key: key.to_owned(),
            account: None,
            user_token: None,
            token_expires_at: None,
            last_signed_at: None,
            created_at: now,
            last_seen: now,
        })
    }

    fn session(&self, key: &str) -> Result<Option<Session>, StoreError> {
        read_session(&*self.lock()?, key)
    }

    fn touch(&self, key: &str, now: i64) -> Result<(), StoreError> {
        self.lock()?
            .execute(
                "UPDATE sessions SET last_seen = max(last_seen, ?2) WHERE key = ?1",
                params![key, now],
            )
            .map_err(db_err)?;
        Ok(())
    }

    fn delete_session(&self, key: &str) -> Result<(), StoreError> {
        let mut conn = self.lock()?;
        let tx = conn.transaction().map_err(db_err)?;
        tx.execute("DELETE FROM payloads WHERE session_key = ?1", params![key])
            .map_err(db_err)?;
        tx.execute("DELETE FROM sessions WHERE key = ?1", params![key])
            .map_err(db_err)?;
        tx.commit().map_err(db_err)
    }

    fn record_payload(&self, uuid: &str, session_key: &str, now: i64) -> Result<(), StoreError> {
        self.lock()?
            .execute(
                "INSERT OR REPLACE INTO payloads (uuid, session_key, created_at) VALUES (?1, ?2, ?3)",
                params![uuid, session_key, now],
            )
            .map_err(db_err)?;
        Ok(())
    }

    fn payload_owner(&self, uuid: &str) -> Result<Option<String>, StoreError> {
        self.lock()?
            .query_row(
                "SELECT session_key FROM payloads WHERE uuid = ?1",
                params![uuid],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err)
    }

    fn learn_token(
        &self,
        session_key: &str,
        learned: &LearnedToken,
    ) -> Result<Option<Session>, StoreError> {
        let mut conn = self.lock()?;
        let tx = conn.transaction().map_err(db_err)?;
        let Some(current) = read_session(&tx, session_key)? else {
            return Ok(None);
        };
        let next = merge_token(&current, learned);
        if next != current {
            tx.execute(
                "UPDATE sessions SET account = ?2, user_token = ?3, token_expires_at = ?4, last_signed_at = ?5
                 WHERE key = ?1",
                params![session_key, next.account, next.user_token, next.token_expires_at, next.last_signed_at],
            )
            .map_err(db_err)?;
        }
        tx.commit().map_err(db_err)?;
        Ok(Some(next))
    }

    fn webhook_handled(&self, payload_uuid: &str) -> Result<bool, StoreError> {
        self.lock()?
            .query_row(
                "SELECT 1 FROM webhook_deliveries WHERE payload_uuid = ?1",
                params![payload_uuid],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
            .map_err(db_err)
    }

    fn record_webhook(&self, payload_uuid: &str, attempt: i64, now: i64) -> Result<(), StoreError> {
        self.lock()?
            .execute(
                "INSERT OR IGNORE INTO webhook_deliveries (payload_uuid, attempt, received_at) VALUES (?1, ?2, ?3)",
                params![payload_uuid, attempt, now],
            )
            .map_err(db_err)?;
        Ok(())
    }

    fn purge_idle(&self, idle_before: i64, now: i64) -> Result<usize, StoreError> {
        let mut conn = self.lock()?;
        let tx = conn.transaction().map_err(db_err)?;
        let stale = "SELECT key FROM sessions WHERE last_seen < ?1 AND (token_expires_at IS NULL OR token_expires_at <= ?2)";
        tx.execute(
            &format!("DELETE FROM payloads WHERE session_key IN ({stale})"),
            params![idle_before, now],
        )
        .map_err(db_err)?;
        let removed = tx
            .execute(
                &format!("DELETE FROM sessions WHERE key IN ({stale})"),
                params![idle_before, now],
            )
            .map_err(db_err)?;
        tx.execute(
            "DELETE FROM webhook_deliveries WHERE payload_uuid NOT IN (SELECT uuid FROM payloads)",
            [],
        )
        .map_err(db_err)?;
        tx.commit().map_err(db_err)?;
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::TOKEN_LIFETIME_SECONDS;

    fn learned(token: &str, signed_at: i64) -> LearnedToken {
        LearnedToken {
            user_token: token.into(),
            account: Some("rAccount".into()),
            signed_at,
            expires_at: signed_at + TOKEN_LIFETIME_SECONDS,
        }
    }

    #[test]
    fn a_file_database_keeps_sessions_payloads_and_tokens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let path = path.to_str().unwrap();
        {
            let store = SqliteStore::open(path).unwrap();
            store.create_session("k1", 10).unwrap();
            store.record_payload("p1", "k1", 11).unwrap();
            store.learn_token("k1", &learned("tok", 12)).unwrap();
            assert!(!store.webhook_handled("p1").unwrap());
            store.record_webhook("p1", 1, 13).unwrap();
        }
        let store = SqliteStore::open(path).unwrap();
        let s = store.session("k1").unwrap().unwrap();
        assert_eq!(s.user_token.as_deref(), Some("tok"));
        assert_eq!(s.account.as_deref(), Some("rAccount"));
        assert_eq!(s.token_expires_at, Some(12 + TOKEN_LIFETIME_SECONDS));
        assert_eq!(store.payload_owner("p1").unwrap().as_deref(), Some("k1"));
        assert!(store.webhook_handled("p1").unwrap());
    }

    #[test]
    fn delete_forgets_the_session_and_its_payloads() {
        let store = SqliteStore::open(":memory:").unwrap();
        store.create_session("k1", 10).unwrap();
        store.record_payload("p1", "k1", 11).unwrap();
        store.delete_session("k1").unwrap();
        assert_eq!(store.session("k1").unwrap(), None);
        assert_eq!(store.payload_owner("p1").unwrap(), None);
        assert_eq!(store.learn_token("k1", &learned("tok", 12)).unwrap(), None);
    }

    #[test]
    fn purge_keeps_sessions_with_a_live_token() {
        let store = SqliteStore::open(":memory:").unwrap();
        store.create_session("idle", 10).unwrap();
        store.create_session("tokened", 10).unwrap();
        store.create_session("recent", 1000).unwrap();
        store.learn_token("tokened", &learned("tok", 10)).unwrap();
        assert_eq!(store.purge_idle(500, 600).unwrap(), 1);
        assert!(store.session("idle").unwrap().is_none());
        assert!(store.session("tokened").unwrap().is_some());
        assert!(store.session("recent").unwrap().is_some());
    }

    #[test]
    fn refuses_a_missing_directory() {
        let err = SqliteStore::open("/nonexistent-dir-xyz/s.db")
            .err()
            .unwrap();
        assert!(err.0.contains("does not exist"), "{err}");
    }
}
