// Package store keeps POS Doctor's local history in one bbolt file: the
// troubleshooting sessions (an index record plus the session as the opaque
// JSON document the wizard produces), the terminals seen and a snapshot of
// each status read, and staff training progress. It imports no other
// package of this module and never Fyne: callers map their own types onto
// the records defined here.
//
// # Files
//
// The database is DefaultPath (history.db in DefaultDir, the user's config
// folder for this app), created with mode 0600 in a 0700 directory, with
// its lock file history.db.lock beside it. Backups live in the backups
// folder next to it. A file that fails validation is kept under a
// timestamped name (history.db.damaged-…), never deleted; so is the file a
// restore replaces (history.db.replaced-…).
//
// # Invariants
//
//   - One process at a time, and every decision under the lock: Open and
//     Restore first take the lock file (a second opener waits for
//     Options.Timeout, 1 s by default, and gets ErrInUse; it never hangs),
//     and only then look at the database. A file another POS Doctor is
//     writing is therefore never judged damaged. The lock file is never
//     renamed or removed, so the lock cannot slip to another file.
//   - Before bbolt maps a file, Open checks it with plain reads: size, page
//     alignment, both meta pages (magic, version, checksum, page size, high
//     water mark within the file), then the whole page tree (every page
//     named correctly, within bounds, referenced once, keys in order and
//     each branch key equal to its child's first key, so no cycle can send
//     bbolt into endless recursion and no damaged key can hide records).
//     Only then does bbolt open it, with debug.SetPanicOnFault on and a
//     recover in place, followed by a quick pass that opens every bucket.
//     These checks read bbolt v1.5.0's page layout; TestBBoltLayoutPinned
//     fails when bbolt changes.
//   - Every record is sealed (schema 3): its bytes carry a CRC-32C over key
//     and value, checked on every read. Open verifies all of them and moves
//     a damaged record to the quarantine bucket with its bytes (DB.Damaged
//     lists them; the lookups are rebuilt from the index), so damage stays
//     in that record and every other session reads normally. Files from
//     before checksums are sealed on their first open.
//   - A structurally damaged file (truncated, torn meta page, damaged page
//     headers, zero bytes) is rebuilt, never patched: the records whose
//     checksums hold are read straight from its pages (from every meta
//     page that leads to a history), what is missing is taken from the
//     newest good backup, and the result is written beside the file,
//     synced, and renamed over it. With nothing to salvage the newest good
//     backup is used, else an empty history. DB.Recovery says which.
//   - Replacing the file is atomic: restore and recovery write the new file
//     beside the old one, sync it, keep the old one under its aside name
//     (a hard link or a synced copy), rename the new one into place and
//     sync the folder. There is never a moment without a complete history
//     file; temporary files a kill leaves behind are removed at the next
//     Open.
//   - A file that cannot be read at all (permission denied) is an error,
//     never "damage". A file that can be read but not written opens
//     read-only: every query works, every save returns ErrReadOnly.
//   - Backups: BackupIfDue checks each new backup and never deletes the
//     newest one whose every record is intact, however many newer ones
//     hold a damaged record. CheckOutput refuses any file the user names
//     (export, backup) that is, or resolves to, one of the history's files.
//   - A session is upserted by ID after every step, in its own transaction
//     (one fsync), so a crash loses at most the step in flight.
//   - Card numbers are masked (first 6 + last 4) again on save, whatever the
//     caller passed. The store holds no PIN, track data or keys.
//   - Every value returned is a copy: nothing returned aliases bbolt's
//     memory map, so values stay valid after the transaction ends.
//   - Nothing is deleted or compacted: the history keeps every session.
//
// # Goroutines
//
// The store starts none. A DB is safe for concurrent use by several
// goroutines; bbolt serialises writers. BackupIfDue is meant to be called
// from a goroutine of the caller's: it holds only a read transaction, so it
// never blocks a save for long.
//
// bbolt transactions cannot be cancelled, so the methods take no context.
//
// # Caveats
//
//   - When bbolt panics halfway through opening a file that passed the
//     plain-read checks, its memory map of that file cannot be released;
//     it lives until the process ends. On Windows a mapped file may refuse
//     the rename, and Open then returns the error instead.
//   - A flipped byte in the newest meta page, or a damaged page holding a
//     record's newest version, can bring that record back as it was one
//     save earlier (bbolt still had the older page); DB.Recovery reports
//     the rebuild.
//   - Recovery completed from a backup may bring back a session deleted
//     since that backup: the user's data comes first.
//   - Memory faults while reading a damaged file after Open are not
//     guarded: the checks at Open are what stands between a damaged file
//     and a crash.
//   - Recurring and Triangulate decode every index record in their window
//     (about 4 µs each): fine for months of a shop's history, slow for
//     tens of thousands of sessions.
package store
