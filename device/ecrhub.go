package device

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync/atomic"
	"time"

	"posdoctor/wizard/pan"
)

// The ECR Hub serial protocol of CodePay Register (Wiseasy / PayCloud
// terminals), as published at
// https://developer.codepay.us/docs/SerialCommunicationProtocol (framing)
// and https://developer.codepay.us/docs/SerialAPIList (JSON messages); the
// open SDK github.com/paycloud-open/ecrhub-client-sdk-java
// (sp/serialport/SerialPortMessage.java, ECRHubResponseData.proto) shows the
// same framing and the device data of an "ecrhub.init" reply. A frame is
//
//	55 AA | type | ack | id | LEN (2 bytes, big-endian) | DATA | CRC | CC 33
//
// type 00 is a normal packet, 01 a handshake, 02 the handshake's
// confirmation; ack is the id of the last data packet received intact (0:
// none); id is 1..255 for a packet with data, 0 without; CRC is the XOR of
// type through DATA. A packet with neither ack nor id is a heartbeat, which
// the terminal sends every 2 s. The whole message is at most 1024 bytes.

// ECR Hub frame types.
const (
	HubNormal    byte = 0x00 // data, ACK or heartbeat
	HubHandshake byte = 0x01 // the PC asks to connect
	HubConfirm   byte = 0x02 // the terminal confirms the handshake
)

// hubMaxFrame is the longest ECR Hub frame the specification allows.
const hubMaxFrame = 1024

// hubOverhead is the frame's bytes besides DATA.
const hubOverhead = 2 + 3 + 2 + 1 + 2

// HubMessage is one ECR Hub frame's contents.
type HubMessage struct {
	Type byte
	Ack  byte // id of the last data packet received intact; 0 for none
	ID   byte // 1..255 for a data packet; 0 for ACK, heartbeat, handshake
	Data []byte
}

// AppendHubFrame appends m as one frame to dst. It returns ErrFrameTooLong
// when the frame would exceed HubMaxFrame bytes.
func AppendHubFrame(dst []byte, m HubMessage) ([]byte, error) {
	if len(m.Data)+hubOverhead > hubMaxFrame {
		return dst, fmt.Errorf("ECR Hub frame of %d data bytes: %w", len(m.Data), errFrameTooLong)
	}
	dst = append(dst, 0x55, 0xAA)
	start := len(dst)
	dst = append(dst, m.Type, m.Ack, m.ID, byte(len(m.Data)>>8), byte(len(m.Data)))
	dst = append(dst, m.Data...)
	dst = append(dst, lrc(dst[start:]))
	return append(dst, 0xCC, 0x33), nil
}

// ReadHubFrame reads one ECR Hub frame from r and returns it and the number
// of bytes skipped before its 55 AA. It reads exactly the frame's bytes.
//
// Errors: io.EOF before any 55 AA; io.ErrUnexpectedEOF inside a frame; a
// *FrameError wrapping ErrTooMuchGarbage (more than MaxGarbage bytes
// without 55 AA), ErrFrameTooLong, ErrNoETX (no CC 33 after the data) or
// errBadLRC (the XOR check byte); r's other errors unchanged.
func ReadHubFrame(r io.Reader) (m HubMessage, skipped int, err error) {
	var b [1]byte
	prev55 := false
	for {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			if prev55 {
				skipped++
			}
			return m, skipped, err
		}
		if prev55 && b[0] == 0xAA {
			break
		}
		if prev55 {
			skipped++
		}
		prev55 = b[0] == 0x55
		if !prev55 {
			skipped++
		}
		if skipped > maxGarbage {
			return m, skipped, &FrameError{Err: errTooMuchGarbage}
		}
	}
	var h [5]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return m, skipped, eofInFrame(err)
	}
	n := int(h[3])<<8 | int(h[4])
	if n+hubOverhead > hubMaxFrame {
		return m, skipped, &FrameError{Offset: 5, Err: errFrameTooLong}
	}
	rest := make([]byte, n+3) // data, CRC, CC 33
	if _, err := io.ReadFull(r, rest); err != nil {
		return m, skipped, eofInFrame(err)
	}
	if rest[n+1] != 0xCC || rest[n+2] != 0x33 {
		return m, skipped, &FrameError{Offset: 8 + n, Err: errNoETX}
	}
	if lrc(h[:])^lrc(rest[:n]) != rest[n] {
		return m, skipped, &FrameError{Offset: 7 + n, Err: errBadLRC}
	}
	m = HubMessage{Type: h[0], Ack: h[1], ID: h[2]}
	if n > 0 {
		m.Data = rest[:n:n]
	}
	return m, skipped, nil
}

// Topics of the ECR Hub that ECRHub sends. Every other topic the protocol
// has (ecrhub.pay.order: sale, void, refund; ecrhub.pay.close;
// ecrhub.pay.batch.close; ecrhub.pay.tip.adjustment) can move money or
// change an order, and MarshalHubRequest refuses it.
const (
	TopicInit  = "ecrhub.init"      // device data: serial number, app name and version
	TopicQuery = "ecrhub.pay.query" // one order's state, by merchant order number
)

// errTopicNotAllowed is returned by MarshalHubRequest for a topic that could
// move money or change an order.
var errTopicNotAllowed = errors.New("device: ECR Hub topic not allowed (it could move money)")

// hubRequest is the JSON envelope of an ECR Hub request.
type hubRequest struct {
	Topic     string            `json:"topic"`
	RequestID string            `json:"request_id"`
	AppID     string            `json:"app_id,omitempty"`
	Timestamp string            `json:"timestamp,omitempty"`
	Version   string            `json:"version,omitempty"`
	BizData   map[string]string `json:"biz_data"`
}

// HubResponse is the JSON envelope of an ECR Hub reply; unknown fields are
// ignored.
type HubResponse struct {
	Topic        string        `json:"topic"`
	RequestID    string        `json:"request_id"`
	ResponseCode string        `json:"response_code"`
	ResponseMsg  string        `json:"response_msg"`
	BizData      HubBizData    `json:"biz_data"`
	DeviceData   HubDeviceData `json:"device_data"`
}

// HubBizData are the fields of a query reply POS Doctor reads. The
// terminal never sends a full card number here; CardNo is masked again on
// decoding all the same.
type HubBizData struct {
	MerchantOrderNo string `json:"merchant_order_no"`
	TransNo         string `json:"trans_no"`
	TransType       string `json:"trans_type"`
	TransStatus     string `json:"trans_status"`
	OrderAmount     string `json:"order_amount"`
	TransEndTime    string `json:"trans_end_time"`
	CardNo          string `json:"card_no"`
	AuthCode        string `json:"auth_code"`
	RefNo           string `json:"ref_no"`
}

// HubDeviceData is the terminal's description of itself in an
// "ecrhub.init" reply.
type HubDeviceData struct {
	DeviceSN   string `json:"device_sn"`
	AppName    string `json:"app_name"`
	AppVersion string `json:"app_version"`
	MACAddress string `json:"mac_address"`
}

// marshalHubRequest encodes a request for topic (TopicInit or TopicQuery)
// with biz (may be nil). It returns ErrTopicNotAllowed for any other topic.
func marshalHubRequest(topic, requestID string, at time.Time, biz map[string]string) ([]byte, error) {
	if topic != TopicInit && topic != TopicQuery {
		return nil, fmt.Errorf("%q: %w", topic, errTopicNotAllowed)
	}
	if biz == nil {
		biz = map[string]string{}
	}
	return json.Marshal(hubRequest{Topic: topic, RequestID: requestID, Timestamp: strconv.FormatInt(at.UnixMilli(), 10),
		Version: "1.0", BizData: biz})
}

// UnmarshalHubResponse decodes a reply and masks any card number in it. It
// returns ErrBadReply (wrapped) for data that is not a JSON object.
func UnmarshalHubResponse(b []byte) (HubResponse, error) {
	var r HubResponse
	if err := json.Unmarshal(b, &r); err != nil {
		return HubResponse{}, fmt.Errorf("ECR Hub reply: %w: %w", ErrBadReply, err)
	}
	r.BizData.CardNo = pan.Mask(r.BizData.CardNo) // the one masking rule, as the card number is read
	return r, nil
}

// ErrNotOffered is returned by a driver for a command its protocol does not
// have (the ECR Hub cannot name the last transaction without its order
// number, nor sign in).
var ErrNotOffered = errors.New("device: the terminal's protocol does not offer this")

// ECRHub is the driver for the ECR Hub USB serial protocol of CodePay
// Register terminals (see the package documentation and ecrhub.go for the
// specification). It sends only the handshake, heartbeats' ACKs,
// "ecrhub.init" and "ecrhub.pay.query": never a topic that could move
// money. The zero value is ready to use.
type ECRHub struct {
	// Wait is how long to wait for each answer; default 2 s.
	Wait time.Duration
}

var _ Driver = ECRHub{}
var _ Prober = ECRHub{}

var hubRequestSeq atomic.Int64

// Name returns "ecrhub".
func (ECRHub) Name() string { return "ecrhub" }

// ProbeCost is the bytes one probe exchanges: a 10-byte handshake and a
// 10-byte confirmation.
func (ECRHub) ProbeCost() int { return 20 }

// handshake is the fixed handshake frame: 55AA010000000001CC33.
var hubHandshake = []byte{0x55, 0xAA, HubHandshake, 0, 0, 0, 0, HubHandshake, 0xCC, 0x33}

// Probe sends the handshake and waits up to wait for its confirmation.
func (ECRHub) Probe(ctx context.Context, rp *RawPort, wait time.Duration) (bool, error) {
	if _, err := rp.Write(hubHandshake); err != nil {
		return false, err
	}
	r := rp.Reader(time.Now().Add(wait))
	for {
		m, _, err := ReadHubFrame(r)
		var fe *FrameError
		switch {
		case errors.Is(err, ErrTimeout):
			return false, nil
		case errors.As(err, &fe):
			continue
		case err != nil:
			return false, err
		case m.Type == HubConfirm:
			return true, nil
		}
	}
}

func (d ECRHub) wait() time.Duration {
	if d.Wait > 0 {
		return d.Wait
	}
	return 2 * time.Second
}

// call does the handshake, sends one request and returns the reply whose
// request_id matches, ACKing every data packet. x must be a *Link (or
// anything with its Stream method).
func (d ECRHub) call(ctx context.Context, x Exchanger, topic string, biz map[string]string) (HubResponse, error) {
	s, ok := x.(streamer)
	if !ok {
		return HubResponse{}, fmt.Errorf("ECR Hub needs a raw port: %w", ErrNotOffered)
	}
	id := fmt.Sprintf("posdoctor-%d", hubRequestSeq.Add(1))
	req, err := marshalHubRequest(topic, id, time.Now(), biz)
	if err != nil {
		return HubResponse{}, err
	}
	var resp HubResponse
	err = s.Stream(ctx, func(rp *RawPort) error {
		ok, err := d.Probe(ctx, rp, d.wait())
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w: %w", errHubNoHandshake, ErrTimeout)
		}
		packetID := byte(hubRequestSeq.Load()%255 + 1)
		frame, err := AppendHubFrame(nil, HubMessage{Type: HubNormal, ID: packetID, Data: req})
		if err != nil {
			return err
		}
		deadline := time.Now().Add(d.wait())
		acked := false
		for sends := 0; ; {
			if !acked && sends < 3 {
				if _, err := rp.Write(frame); err != nil {
					return err
				}
				sends++
			}
			m, _, err := ReadHubFrame(rp.Reader(deadline))
			var fe *FrameError
			switch {
			case errors.As(err, &fe):
				continue
			case errors.Is(err, ErrTimeout) && !acked && sends < 3:
				deadline = time.Now().Add(d.wait())
				continue
			case err != nil:
				return err
			}
			if m.Ack == packetID {
				acked = true
			}
			if m.ID == 0 || len(m.Data) == 0 {
				continue
			}
			ackFrame, _ := AppendHubFrame(nil, HubMessage{Type: HubNormal, Ack: m.ID})
			if _, err := rp.Write(ackFrame); err != nil {
				return err
			}
			r, err := UnmarshalHubResponse(m.Data)
			if err != nil {
				return err
			}
			if r.RequestID == id || r.RequestID == "" && r.Topic == topic {
				resp = r
				return nil
			}
		}
	})
	return resp, err
}

// Status does the handshake and asks for the device data. Only Model,
// Serial and AppVersion can be known: the protocol reports no sign-in,
// clock, keys, network or self-test, so the Status is Partial. A terminal
// that confirms the handshake but ignores "ecrhub.init" still gives a
// Partial status with the model "CodePay Register (ECR Hub)".
func (d ECRHub) Status(ctx context.Context, x Exchanger) (Status, error) {
	st := Status{Model: "CodePay Register (ECR Hub)", Signal: -1, Battery: -1, Partial: true, Protocol: d.Name()}
	r, err := d.call(ctx, x, TopicInit, nil)
	if errors.Is(err, ErrTimeout) {
		// The handshake or the reply timed out: say so only if the
		// handshake itself failed.
		if errors.Is(err, errHubNoHandshake) {
			return Status{}, err
		}
		return st, nil
	}
	if err != nil {
		return Status{}, err
	}
	if r.DeviceData.AppName != "" {
		st.Model = r.DeviceData.AppName + " (ECR Hub)"
	}
	st.Serial = printable([]byte(r.DeviceData.DeviceSN))
	st.AppVersion = printable([]byte(r.DeviceData.AppVersion))
	return st, nil
}

var errHubNoHandshake = errors.New("ECR Hub handshake not confirmed")

// LastTransaction returns ErrNotOffered: the ECR Hub can only query an
// order by the merchant order number the till gave it (see QueryOrder).
func (ECRHub) LastTransaction(context.Context, Exchanger) (LastTxn, error) {
	return LastTxn{}, fmt.Errorf("ECR Hub last transaction: %w", ErrNotOffered)
}

// SignIn returns ErrNotOffered: the ECR Hub has no sign-in command.
func (ECRHub) SignIn(context.Context, Exchanger, time.Duration) (SignInResult, error) {
	return SignInResult{}, fmt.Errorf("ECR Hub sign-in: %w", ErrNotOffered)
}

// QueryOrder asks the terminal for the state of the order the till
// submitted as orderNo ("ecrhub.pay.query"). It changes nothing on the
// terminal. A response code other than "000" gives a *HubError.
func (d ECRHub) QueryOrder(ctx context.Context, x Exchanger, orderNo string) (HubBizData, error) {
	r, err := d.call(ctx, x, TopicQuery, map[string]string{"merchant_order_no": orderNo})
	if err != nil {
		return HubBizData{}, err
	}
	if r.ResponseCode != "000" {
		return r.BizData, &hubError{Code: r.ResponseCode, Msg: r.ResponseMsg}
	}
	return r.BizData, nil
}

// hubError is an ECR Hub reply with a response code other than "000".
type hubError struct {
	Code, Msg string
}

// Error implements error.
func (e *hubError) Error() string { return "ECR Hub response " + e.Code + ": " + e.Msg }

// Unwrap returns ErrRejected.
func (e *hubError) Unwrap() error { return ErrRejected }

// HubReply builds a reply frame's JSON for the simulator and tests.
func HubReply(r HubResponse) []byte {
	b, _ := json.Marshal(r)
	return b
}

// isHubFramed reports whether b holds 55 AA followed later by CC 33.
func isHubFramed(b []byte) bool {
	i := bytes.Index(b, []byte{0x55, 0xAA})
	return i >= 0 && bytes.Contains(b[i+2:], []byte{0xCC, 0x33})
}
