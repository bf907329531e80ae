package unionpay

import "strings"

// Kind names a transaction type. Kinds are stable strings (stored in
// history and used in translation keys "decode.tx.<kind>"): never rename.
type Kind string

// The transaction types told apart by MTI, field 3, 60.1 and 60.3.
const (
	KindUnknown        Kind = "unknown"
	KindBalance        Kind = "balance"         // balance inquiry 余额查询
	KindSale           Kind = "sale"            // sale 消费
	KindVoid           Kind = "void"            // void 消费撤销
	KindRefund         Kind = "refund"          // refund 退货
	KindPreAuth        Kind = "preauth"         // pre-authorisation 预授权
	KindPreAuthVoid    Kind = "preauth_void"    // pre-authorisation void 预授权撤销
	KindCompletion     Kind = "completion"      // pre-authorisation completion 预授权完成
	KindCompletionVoid Kind = "completion_void" // completion void 预授权完成撤销
	KindReversal       Kind = "reversal"        // reversal 冲正
	KindSignIn         Kind = "signin"          // sign-in 签到
	KindSignOff        Kind = "signoff"         // sign-off 签退
	KindEcho           Kind = "echo"            // host echo test 回响测试
	KindSignature      Kind = "signature"       // electronic signature upload 电子签名上送
	KindSettlement     Kind = "settlement"      // batch settlement 批结算
	KindBatchUpload    Kind = "batch_upload"    // batch upload 批上送
	KindManagement     Kind = "management"      // other network management 其他管理类交易
)

// Kinds lists every Kind, for tests and translation checks.
var Kinds = []Kind{
	KindUnknown, KindBalance, KindSale, KindVoid, KindRefund, KindPreAuth,
	KindPreAuthVoid, KindCompletion, KindCompletionVoid, KindReversal,
	KindSignIn, KindSignOff, KindEcho, KindSignature, KindSettlement,
	KindBatchUpload, KindManagement,
}

// Financial reports whether the kind moves money or asks about it (sale,
// void, refund, pre-authorisation, balance, reversal), as opposed to
// management (sign-in, echo, settlement …).
func (k Kind) Financial() bool {
	switch k {
	case KindBalance, KindSale, KindVoid, KindRefund, KindPreAuth, KindPreAuthVoid,
		KindCompletion, KindCompletionVoid, KindReversal:
		return true
	}
	return false
}

// Key returns the translation key of the kind's name.
func (k Kind) Key() string { return "decode.tx." + string(k) }

// Network management codes (60.3).
const (
	NMSignIn       = "001"
	NMSignOff      = "002"
	NMSignInDouble = "003" // sign-in, double-length keys
	NMSignInTriple = "004" // sign-in, triple-length keys with track key
	NMSettlement   = "201"
	NMBatchEnd     = "202"
	NMEcho         = "301"
)

// Classify names the transaction of a message from its MTI, field 3 and
// field 60 (empty strings when absent), and reports whether the MTI is a
// response (third digit odd: 0210, 0810, 0830 …).
func Classify(mti, f3, f60 string) (Kind, bool) {
	if len(mti) != 4 {
		return KindUnknown, false
	}
	d := mti[2]
	response := d >= '0' && d <= '9' && (d-'0')%2 == 1
	base := mti
	if response {
		base = mti[:2] + string(d-1) + mti[3:]
	}
	var typ, nm string
	if len(f60) >= 2 {
		typ = f60[:2]
	}
	if len(f60) >= 11 {
		nm = f60[8:11]
	}
	pc := ""
	if len(f3) >= 2 {
		pc = f3[:2]
	}
	switch base {
	case "0100":
		if pc == "20" || typ == "11" {
			return KindPreAuthVoid, response
		}
		return KindPreAuth, response
	case "0200":
		return financial(pc, typ), response
	case "0220":
		if typ == "24" || pc == "00" {
			return KindCompletion, response
		}
		return KindRefund, response
	case "0400", "0420":
		return KindReversal, response
	case "0320":
		return KindBatchUpload, response
	case "0500", "0520":
		return KindSettlement, response
	case "0800":
		switch nm {
		case "", NMSignIn, NMSignInDouble, NMSignInTriple:
			return KindSignIn, response
		}
		return KindManagement, response
	case "0820":
		if typ == "07" {
			return KindSignature, response
		}
		switch nm {
		case NMSignOff:
			return KindSignOff, response
		case NMEcho:
			return KindEcho, response
		}
		return KindManagement, response
	}
	return KindUnknown, response
}

// financial names a 0200 transaction from its processing code and 60.1.
func financial(pc, typ string) Kind {
	switch {
	case pc == "31" || typ == "01":
		return KindBalance
	case pc == "20" && typ == "21":
		return KindCompletionVoid
	case pc == "20":
		return KindVoid
	case typ == "20":
		return KindCompletion
	}
	return KindSale
}

// original names the transaction a reversal undoes, from field 3 and 60.1.
func original(f3, f60 string) Kind {
	var typ string
	if len(f60) >= 2 {
		typ = f60[:2]
	}
	switch typ {
	case "10":
		return KindPreAuth
	case "11":
		return KindPreAuthVoid
	case "25":
		return KindRefund
	}
	pc := ""
	if len(f3) >= 2 {
		pc = f3[:2]
	}
	if pc == "" && typ == "" {
		return KindUnknown
	}
	return financial(pc, typ)
}

// isDigits reports whether s is non-empty and all ASCII digits.
func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
