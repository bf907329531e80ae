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
// folder for this app), created with mode 0600 in a 0700 directory. Backups
// live in the backups folder next to it. A file that fails validation is
// renamed with a timestamp suffix, never deleted.
//
// # Invariants
//
//   - One process at a time: bbolt locks the file. A second opener waits for
//     Options.Timeout (1 s by default) and gets ErrInUse; it never hangs.
//   - Before bbolt maps a file, Open validates its size, page alignment and
//     both meta pages, and then opens it and walks every bucket with
//     debug.SetPanicOnFault on and a recover in place, so a damaged file
//     (truncated, torn, random bytes) becomes a *CorruptError instead of a
//     crash. Open then moves the file aside and restores the newest good
//     backup, and DB.Recovery says what happened.
//   - A session is upserted by ID after every step, in its own transaction
//     (one fsync), so a crash loses at most the step in flight.
//   - Card numbers are masked (first 6 + last 4) again on save, whatever the
//     caller passed. The store holds no PIN, track data or keys.
//   - Every value returned is a copy: nothing returned aliases bbolt's
//     memory map, so values stay valid after the transaction ends.
//   - Nothing is compacted unless the user asks: DeleteBefore frees pages for
//     reuse but does not shrink the file.
//
// # Goroutines
//
// The store starts none. A DB is safe for concurrent use by several
// goroutines; bbolt serialises writers. BackupIfDue is meant to be called
// from a goroutine of the caller's: it holds only a read transaction, so it
// never blocks a save for long.
//
// bbolt transactions cannot be cancelled, so the methods take no context.
package store
