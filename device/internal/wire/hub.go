package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
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

// HubMaxFrame is the longest ECR Hub frame the specification allows.
const HubMaxFrame = 1024

// HubOverhead is the frame's bytes besides DATA.
const HubOverhead = 2 + 3 + 2 + 1 + 2

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
	if len(m.Data)+HubOverhead > HubMaxFrame {
		return dst, fmt.Errorf("ECR Hub frame of %d data bytes: %w", len(m.Data), ErrFrameTooLong)
	}
	dst = append(dst, 0x55, 0xAA)
	start := len(dst)
	dst = append(dst, m.Type, m.Ack, m.ID, byte(len(m.Data)>>8), byte(len(m.Data)))
	dst = append(dst, m.Data...)
	dst = append(dst, LRC(dst[start:]))
	return append(dst, 0xCC, 0x33), nil
}

// ReadHubFrame reads one ECR Hub frame from r and returns it and the number
// of bytes skipped before its 55 AA. It reads exactly the frame's bytes.
//
// Errors: io.EOF before any 55 AA; io.ErrUnexpectedEOF inside a frame; a
// *FrameError wrapping ErrTooMuchGarbage (more than MaxGarbage bytes
// without 55 AA), ErrFrameTooLong, ErrNoETX (no CC 33 after the data) or
// ErrBadLRC (the XOR check byte); r's other errors unchanged.
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
		if skipped > MaxGarbage {
			return m, skipped, &FrameError{Err: ErrTooMuchGarbage}
		}
	}
	var h [5]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return m, skipped, EOFInFrame(err)
	}
	n := int(h[3])<<8 | int(h[4])
	if n+HubOverhead > HubMaxFrame {
		return m, skipped, &FrameError{Offset: 5, Err: ErrFrameTooLong}
	}
	rest := make([]byte, n+3) // data, CRC, CC 33
	if _, err := io.ReadFull(r, rest); err != nil {
		return m, skipped, EOFInFrame(err)
	}
	if rest[n+1] != 0xCC || rest[n+2] != 0x33 {
		return m, skipped, &FrameError{Offset: 8 + n, Err: ErrNoETX}
	}
	if LRC(h[:])^LRC(rest[:n]) != rest[n] {
		return m, skipped, &FrameError{Offset: 7 + n, Err: ErrBadLRC}
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

// ErrTopicNotAllowed is returned by MarshalHubRequest for a topic that could
// move money or change an order.
var ErrTopicNotAllowed = errors.New("device: ECR Hub topic not allowed (it could move money)")

// HubRequest is the JSON envelope of an ECR Hub request.
type HubRequest struct {
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

// MarshalHubRequest encodes a request for topic (TopicInit or TopicQuery)
// with biz (may be nil). It returns ErrTopicNotAllowed for any other topic.
func MarshalHubRequest(topic, requestID string, at time.Time, biz map[string]string) ([]byte, error) {
	if topic != TopicInit && topic != TopicQuery {
		return nil, fmt.Errorf("%q: %w", topic, ErrTopicNotAllowed)
	}
	if biz == nil {
		biz = map[string]string{}
	}
	return json.Marshal(HubRequest{Topic: topic, RequestID: requestID, Timestamp: strconv.FormatInt(at.UnixMilli(), 10),
		Version: "1.0", BizData: biz})
}

// UnmarshalHubResponse decodes a reply and masks any card number in it. It
// returns JSON's error for data that is not a JSON object;
// package device reports that as its ErrBadReply.
func UnmarshalHubResponse(b []byte) (HubResponse, error) {
	var r HubResponse
	if err := json.Unmarshal(b, &r); err != nil {
		return HubResponse{}, err
	}
	r.BizData.CardNo = pan.Mask(r.BizData.CardNo) // the one masking rule, as the card number is read
	return r, nil
}

// HubHandshakeFrame is the fixed handshake frame: 55AA010000000001CC33.
var HubHandshakeFrame = []byte{0x55, 0xAA, HubHandshake, 0, 0, 0, 0, HubHandshake, 0xCC, 0x33}

// HubReply builds a reply frame's JSON for the simulator and tests.
func HubReply(r HubResponse) []byte {
	b, _ := json.Marshal(r)
	return b
}

// IsHubFramed reports whether b holds 55 AA followed later by CC 33.
func IsHubFramed(b []byte) bool {
	i := bytes.Index(b, []byte{0x55, 0xAA})
	return i >= 0 && bytes.Contains(b[i+2:], []byte{0xCC, 0x33})
}
