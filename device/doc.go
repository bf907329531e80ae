// Package device finds the card terminal on USB, opens its port, and talks
// to it over the framed serial protocol Chinese bank terminals use.
//
// # Detection
//
// Detect lists serial ports through a Lister (SystemLister wraps
// go.bug.st/serial/enumerator; tests inject fakes) and names each with the
// table knownIDs, built from shared/domain/pos_usb_ids.csv with each row's
// evidence (verified, code-observed, weak). USB-serial cable chips (CH340,
// PL2303, FTDI, CP210x) are reported as a cable whose terminal is unknown;
// the generic Linux gadget 0525:a4a7 is called a terminal only when its USB
// strings say so. A VID:PID the table does not know, whose USB manufacturer
// or product string names a terminal maker (makers: Lakala 拉卡拉, Newland
// 新大陆, PAX 百富, Centerm 升腾, LANDI 联迪, Nexgo 新国都, SUNMI 商米,
// Wiseasy, Castles, …; makerOf), is "probably a card terminal" with
// evidence evidenceStrings. Every row of the table cites its Source. Ports that are not USB (the PC's own ttyS0) are listed
// and never opened unless the user picks them. A port the user names is
// remembered as a Preference (by VID:PID and serial number, never by
// COM/tty name); the caller persists it. On Linux, a known terminal under
// /sys/bus/usb/devices without a tty is reported as KindNoDriver (driver
// missing or wrong USB mode); the sysfs root is SystemLister.SysfsRoot.
// On Windows, SetupAPI lists the present USB devices without a COM port;
// their USBProblem (driver missing, wrong USB mode, did not start,
// disabled, restart needed) picks a devicewin.* verdict. Windows ports
// carry their friendly name (PortInfo.FriendlyName, shown by Display, such
// as "USB Serial Device (COM5)").
//
// The app does Detect, Pick and OpenWith in turn (ui/checks). A Watcher polls a Lister
// (default every 500 ms) and sends Attached, Detached and Moved ("same
// terminal, new port") events.
//
// # Port health
//
// OpenPort and Open classify every failure as a *PortError whose Kind
// (PortNotFound, PortPermission, PortBusy, PortNotSerial, PortUnplugged)
// has a translated message (Kind.MessageKey) and fix (Kind.FixKey) in
// assets/i18n/*/device.json. go.bug.st/serial reports an unplug exactly
// like a local close (PortClosed), and a Write after Close gives a raw
// EBADF: the Link tracks who closed the port, so a vanished terminal is
// PortUnplugged and a closed link is ErrClosed. As root a second open of a
// tty succeeds (TIOCEXCL does not bind root), so OpenPort also looks in
// /proc/*/fd for another holder and reports it by name.
//
// # Link protocol
//
// A frame is
//
//	STX 02 | LEN (2 bytes BCD) | DATA | ETX 03 | LRC
//
// with LRC the XOR of LEN through ETX. The receiver answers each frame with
// a bare ACK (06) or NAK (15). Link.Exchange sends a request, resends it on
// NAK or after Timeouts.ACK (2 s) at most Timeouts.Retries (3) times, then
// reads the reply (bytes at most Timeouts.Gap, 1 s, apart), NAKs a damaged
// copy (at most 3 times) and ACKs the good one. Bytes before an STX are
// skipped and counted (Stats). Before each request the port's input is
// flushed, so a byte left by an abandoned call is never taken for an ACK; a
// reply that arrives without an ACK is accepted. The bytes themselves
// (frames, TLV, ECR Hub frames) live in device/internal/wire as pure
// functions, shared with the simulator (device/sim) and no one else; a
// frame carries at most wire.MaxFrameData bytes.
//
// # The generic TLV protocol
//
// DATA is a list of TLV items: a 2-byte tag, a BER length (one byte below
// 128, 81 nn, or 82 nnnn) and the value. A request is one item, DF01 with
// the command: 01 status, 02 last transaction, 03 sign in. Every reply
// starts with DF02, the result: 00 done, 01 unsupported, 02 busy, 03
// failed (sign-in could not reach the host). Texts are ASCII, times are 14
// ASCII digits YYYYMMDDhhmmss of the terminal's local time (empty: never).
//
//	DF10 model            DF11 serial number       DF12 firmware version
//	DF13 payment app      DF14 terminal clock      DF15 last sign-in time
//	DF16 keys: 00 none, 01 ok, 02 bad (MAC failed)
//	DF17 acquirer host "IP:port"                   DF18 TPDU (5 bytes)
//	DF19 terminal ID (8)  DF1A merchant ID (15)
//	DF1B link: 01 Wi-Fi, 02 4G, 03 Ethernet, 04 USB relay
//	DF1C signal percent (FF unknown)               DF1D paper: 00 ok, 01 low, 02 out
//	DF1E battery percent (FF mains)
//	DF1F self-test, 4 bytes: keypad, screen, card reader, printer (00 ok, 01 fault, 02 absent)
//	DF20 the last ISO 8583 response as received (TPDU | header | MTI | bitmap | fields)
//	DF21 local result: 00 approved, 01 declined, 02 no reply, 03 reversed, 04 cancelled, 05 none
//	DF22 transaction time  DF23 type: 01 sale, 02 void, 03 refund, 04 pre-auth, 05 completion, 06 balance
//	DF24 response code as the terminal read it (2 characters)
//
// Examples as hex. The status request is the frame
//
//	02 00 04 DF 01 01 01 03 D9
//
// (LEN 0004, DATA DF 01 01 01, ETX, LRC D9). A sign-in reply:
//
//	DF 02 01 00  DF 15 0E 3230323631313235303830303030  DF 16 01 01
//
// (done; signed in 2026-11-25 08:00:00; keys ok).
//
// A Driver turns commands into payloads over an Exchanger; generic speaks
// the protocol above, and a vendor protocol can be added as another Driver.
//
// # The second protocol: ECR Hub
//
// ECRHub speaks the published USB serial protocol of CodePay Register
// terminals (Wiseasy / PayCloud), specified at
// https://developer.codepay.us/docs/SerialCommunicationProtocol and
// https://developer.codepay.us/docs/SerialAPIList, with the open SDK
// github.com/paycloud-open/ecrhub-client-sdk-java as a second reading:
//
//	55 AA | type | ack | id | LEN (2 bytes, big-endian) | JSON | XOR | CC 33
//
// It handshakes (55AA010000000001CC33, confirmed by 55AA020000000002CC33),
// asks "ecrhub.init" for the device data and can query one order by its
// merchant order number ("ecrhub.pay.query"). wire.MarshalHubRequest refuses
// every other topic (sale, void, refund, close, settlement, tip): POS Doctor
// never sends a command that could move money. Its Status is Partial:
// the protocol reports no sign-in, clock, keys, network or self-test, and
// it has no "last transaction" (ErrNotOffered).
//
// # Probing: readable, unreadable, port failed, absent
//
// Link.Probe finds out which protocol the terminal speaks: each driver's
// probe in turn (the one that answered last time first, then cheapest
// first: drivers), then passive listening, then, only when nothing framed,
// the other usual speeds (speeds), all within one deadline (2.5 s by
// default). What was heard is classified (classifyHeard: ECR Hub frames,
// STX frames, ASCII lines, nothing, noise) and kept as a scrubbed hex
// sample (digit runs that could be a card number are masked). A terminal
// whose port opens but that answers no driver gives an *UnreadableError
// (ErrUnreadable): a state of its own, not a fault (StateOf names the four
// states for evidence).
//
// # Evaluations
//
// EvalSignIn, ClockOffset, EvalFirmware, EvalHardware, EvalNetwork and
// EvalLastTxn are pure functions that judge a Status or LastTxn and return a
// outcome (wizard/outcome) with a translation key, so a wizard check is a one-line adapter.
//
// # Privacy
//
// No PIN is ever requested. The raw ISO 8583 reply is masked the moment it
// is decoded (MaskISO: card number to first 6 and last 4 digits; messages
// with track or PIN data are dropped). Working keys are never read: only
// their state.
//
// # Goroutines
//
// Detect, Open and Link calls run on the caller's goroutine. A Link starts
// no goroutines; every blocking read wakes every 50 ms to check its context
// and deadline, so a cancelled call, a Close from another goroutine, or an
// unplug ends it within a fraction of a second. A Watcher runs one
// goroutine, which exits on ctx cancel or Close (Close waits for it).
// Link calls are serialised by a mutex; Close is safe at any time.
package device
