package device

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"posdoctor/device/internal/wire"
)

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

// Probe sends the handshake and waits up to wait for its confirmation.
func (ECRHub) Probe(ctx context.Context, rp *RawPort, wait time.Duration) (bool, error) {
	if _, err := rp.Write(wire.HubHandshakeFrame); err != nil {
		return false, err
	}
	r := rp.Reader(time.Now().Add(wait))
	for {
		m, _, err := wire.ReadHubFrame(r)
		var fe *wire.FrameError
		switch {
		case errors.Is(err, ErrTimeout):
			return false, nil
		case errors.As(err, &fe):
			continue
		case err != nil:
			return false, err
		case m.Type == wire.HubConfirm:
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
func (d ECRHub) call(ctx context.Context, x Exchanger, topic string, biz map[string]string) (wire.HubResponse, error) {
	s, ok := x.(streamer)
	if !ok {
		return wire.HubResponse{}, fmt.Errorf("ECR Hub needs a raw port: %w", ErrNotOffered)
	}
	id := fmt.Sprintf("posdoctor-%d", hubRequestSeq.Add(1))
	req, err := wire.MarshalHubRequest(topic, id, time.Now(), biz)
	if err != nil {
		return wire.HubResponse{}, err
	}
	var resp wire.HubResponse
	err = s.Stream(ctx, func(rp *RawPort) error {
		ok, err := d.Probe(ctx, rp, d.wait())
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w: %w", errHubNoHandshake, ErrTimeout)
		}
		packetID := byte(hubRequestSeq.Load()%255 + 1)
		frame, err := wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubNormal, ID: packetID, Data: req})
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
			m, _, err := wire.ReadHubFrame(rp.Reader(deadline))
			var fe *wire.FrameError
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
			ackFrame, _ := wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubNormal, Ack: m.ID})
			if _, err := rp.Write(ackFrame); err != nil {
				return err
			}
			r, err := wire.UnmarshalHubResponse(m.Data)
			if err != nil {
				return fmt.Errorf("ECR Hub reply: %w: %w", ErrBadReply, err)
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
	r, err := d.call(ctx, x, wire.TopicInit, nil)
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
func (d ECRHub) QueryOrder(ctx context.Context, x Exchanger, orderNo string) (wire.HubBizData, error) {
	r, err := d.call(ctx, x, wire.TopicQuery, map[string]string{"merchant_order_no": orderNo})
	if err != nil {
		return wire.HubBizData{}, err
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
