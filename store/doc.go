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
//   - Before bbolt maps a file, Open checks it with plain reads: size, page
//     alignment, both meta pages (magic, version, checksum, page size, high
//     water mark within the file), then the whole page tree (every page
//     named correctly, within bounds, referenced once, so no cycle can send
//     bbolt into endless recursion). Only then does bbolt open it, with
//     debug.SetPanicOnFault on and a recover in place, followed by a quick
//     pass that opens every bucket. A damaged file (truncated, torn meta
//     page, damaged pages, random bytes) becomes a *CorruptError instead of
//     a crash or a silent rollback. Open then moves the file aside, restores
//     the newest good backup, and DB.Recovery says what happened.
//   - A file that cannot be read at all (permission denied) is an error,
//     never "damage": only files whose content is bad are moved aside.
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
//
// # Caveats
//
//   - When bbolt panics halfway through opening a file that passed the
//     plain-read checks, its memory map of that file cannot be released;
//     it lives until the process ends. Open has moved the file aside by
//     then, so the leftover lock does not matter. On Windows a mapped file
//     may refuse the rename, and Open then returns the error instead.
//   - Memory faults while reading a damaged file after Open are not
//     guarded: the checks at Open are what stands between a damaged file
//     and a crash.
//   - Recurring and Triangulate decode every index record in their window
//     (about 4 µs each): fine for months of a shop's history, slow for
//     tens of thousands of sessions.
package store
