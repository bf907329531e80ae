// Package wizard is POS Doctor's troubleshooting engine: the decision trees
// (flows) as data, the catalog of findings with their remedies, the
// response-code routing table, and the Session that walks a flow.
//
// # What it owns
//
//   - Flows: Go literals of steps (check, question, instruction, finding)
//     with stable IDs, edges and translation keys; never closures. Flow.Validate
//     rejects unknown or duplicate IDs, unreachable steps, dead ends that are
//     not findings and (given a Registry) unregistered checks. The built-in
//     flows are MainFlow, WaitingFlow, MoneyFlow and SelfTestFlow (Flows);
//     main.go validates them all before any screen opens. Flow.Mermaid draws a flow
//     (golden files in testdata/flows, refreshed with go test ./wizard -update).
//   - Routing by response code: a check step with JumpOnCode, a typed
//     InputCode question, or Session.JumpWith (for a code read from a log)
//     sends the session through the flow's CodeTable: specific code, then
//     approved, then the code's category, then unknown.
//   - Findings: named causes (LookupFinding) with the Layer where things
//     break, ordered remedies, optional words for the customer and an
//     optional safe Fix (an ActionID plus the checks to run again).
//   - The response-code table is wizard/respcode (a standard-library-only
//     leaf shared with device/unionpay, generated from its CSV): every China
//     UnionPay code's category, so a flow's CodeTable sends every code
//     somewhere.
//   - Checks and actions by ID (Registry, check.go); implementations are
//     injected by main.go. The wizard never imports device, store or Fyne.
//   - Verdicts true to their evidence (verdict.go): every Found carries its
//     Grade (measured, reported, inferred); Session.Sale says what is known
//     about the failed sale (the last transaction's Result.Sale, typed
//     codes, and Answer.Sale of answers that report the screen, slip or
//     末笔查询); Session.Hold puts the money guard ("don't charge again
//     until 末笔查询 confirms") before any step or finding that takes the
//     payment again (Step.Retry, Finding.Retry) unless the terminal
//     reported this very sale declined. TestMoneyGuardEveryPath walks every
//     flow × terminal state × answer to prove it.
//
// # Invariants
//
//   - No UI, no I/O. All words are translation keys (flows.json,
//     findings.json, wizard.json under assets/i18n); callers translate.
//   - Step, flow, finding, answer and check IDs are stored in history:
//     never rename one, add a new one.
//   - A typed card number is masked to first 6 and last 4 digits inside
//     Session.Input, before it is stored anywhere; it is never hashed. No PIN
//     is ever asked for.
//
// # Goroutines
//
// Session is synchronous and not safe for concurrent use. It starts no
// goroutines: the caller asks Pending for the current step's checks, runs
// them off its UI goroutine (Registry.RunAll, which starts one goroutine per
// check and returns within its timeout), and hands the results to Submit on
// the UI goroutine. Advance and ApplyFix do both in one blocking call, for
// the command line.
//
// # Session JSON (schema 1)
//
// Session.MarshalJSON writes the document the store keeps (opaquely) and the
// report renders; Resume reads it back. Shape:
//
//	{
//	  "schema": 1,                       // SchemaVersion
//	  "flow": "main",                    // FlowID
//	  "started": "2026-11-25T09:00:00Z",  // RFC 3339
//	  "finished": "...",                 // absent while the session is open
//	  "current": "m.screen",             // StepID of the current step
//	  "current_at": "...",               // when it was entered
//	  "summary": {                       // Summary, derived
//	    "flow": "main", "outcome": "open|ok|problem|fixed",
//	    "findings": ["card.expired"], "layer": "bank-or-card",
//	    "code": "54", "card": "622202******1234",
//	    "started": "...", "finished": "..."
//	  },
//	  "trail": [                         // completed steps, oldest first
//	    {"step": "m.last", "kind": "check", "at": "...",
//	     "results": {"terminal.lasttxn": {"outcome": "fail", "summary": "key",
//	        "args": {}, "evidence": [{"key": "k", "value": "v"}], "code": "54", "detail": ""}},
//	     "code": "54", "next": "m.f.expired"},
//	    {"step": "m.cardno", "kind": "question", "at": "...",
//	     "answer": "valid", "input": "622202******1234", "next": "m.method"}
//	  ],
//	  "fixes": [                         // fix attempts (detect → fix → verify)
//	    {"step": "m.f.keys", "action": "action.signin", "at": "...",
//	     "error": "", "results": {...}, "fixed": true}
//	  ],
//	  "findings": [                      // derived: reached findings, in order
//	    {"id": "card.expired", "step": "m.f.expired", "at": "...",
//	     "layer": "bank-or-card", "severity": "problem",
//	     "title": "findings.card.expired",
//	     "remedies": ["findings.card.expired.remedy.1", "..."],
//	     "customer": "findings.card.expired.customer",
//	     "action": "", "fixed": false,
//	     "grade": "reported",               // measured | reported | inferred
//	     "confirm": "verdict.confirm.…",    // inferred only: what would confirm it
//	     "runner_up": "card.declined",      // inferred only: next most likely cause
//	     "hold": "verdict.hold.pending",    // money guard shown before retry advice
//	     "calls_lakala": true}
//	  ]
//	}
//
// Derived fields (summary, findings) are written for readers and ignored by
// Resume. Words are translation keys, so a report can be rendered in either
// language. New fields may be added; existing ones keep their meaning.
package wizard
