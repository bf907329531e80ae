package training

// Topic names a subject the training must cover. Topics are stored in
// cards.json; the list below is what the deck is tested against.
type Topic string

// The topics every deck must cover, from the source material and what
// staff meet daily.
const (
	TopicCardEntry     Topic = "card-entry"     // insert, swipe, tap; chip before swipe
	TopicPIN           Topic = "pin"            // PIN entry, retries, shielding
	TopicAmount        Topic = "amount"         // entering the amount
	TopicPaymentMethod Topic = "payment-method" // choosing the transaction type / payment method
	TopicTimeout       Topic = "timeout"        // what to do on a timeout; never charge twice before checking
	TopicCardExpired   Topic = "card-expired"   // expired cards (54)
	TopicCardLost      Topic = "card-lost"      // lost, stolen or frozen cards (41, 43, 62)
	TopicCardLimits    Topic = "card-limits"    // limits and funds (51, 61, 65)
	TopicSignIn        Topic = "sign-in"        // the daily sign-in 签到
	TopicSettlement    Topic = "settlement"     // settlement 结算
	TopicVoidRefund    Topic = "void-refund"    // void vs refund after the cut-off (12)
	TopicNetwork       Topic = "network"        // Wi-Fi, 4G, cables
	TopicCareCleaning  Topic = "care-cleaning"  // cleaning the card reader
	TopicCareCharging  Topic = "care-charging"  // charging
	TopicCarePaper     Topic = "care-paper"     // receipt paper
	TopicUpdates       Topic = "updates"        // software updates
	TopicMaintenance   Topic = "maintenance"    // payment-system announcements and maintenance windows
	TopicPolite        Topic = "polite"         // polite phrases when a card is declined
	TopicFraud         Topic = "fraud"          // signs of fraud (34, 59)
	TopicKeysMAC       Topic = "keys-mac"       // keys and MAC errors (A0 → sign in again)
	TopicSupport       Topic = "support"        // what to have ready when calling support
)

var topics = []Topic{
	TopicCardEntry, TopicPIN, TopicAmount, TopicPaymentMethod, TopicTimeout,
	TopicCardExpired, TopicCardLost, TopicCardLimits, TopicSignIn, TopicSettlement,
	TopicVoidRefund, TopicNetwork, TopicCareCleaning, TopicCareCharging, TopicCarePaper,
	TopicUpdates, TopicMaintenance, TopicPolite, TopicFraud, TopicKeysMAC, TopicSupport,
}

// Topics returns every topic the deck must cover, in a fixed order.
func Topics() []Topic { return append([]Topic(nil), topics...) }

// Known reports whether t is one of Topics.
func (t Topic) Known() bool {
	for _, k := range topics {
		if k == t {
			return true
		}
	}
	return false
}

// icons are the names of Fyne's theme icons (fyne.io/fyne/v2/theme
// IconName* constants, v2.7) that cards may use. The list is copied here
// because this package may not import Fyne.
var icons = map[string]bool{
	"account": true, "arrowBack": true, "arrowForward": true, "calendar": true,
	"cancel": true, "checked": true, "computer": true, "confirm": true,
	"contentUndo": true, "contentRedo": true, "delete": true, "desktop": true,
	"document": true, "documentPrint": true, "download": true, "error": true,
	"file": true, "fileText": true, "folder": true, "help": true, "history": true,
	"home": true, "info": true, "list": true, "login": true, "logout": true,
	"mailCompose": true, "mailSend": true, "mediaPause": true,
	"mediaPlay": true, "mediaReplay": true, "mediaStop": true, "question": true,
	"search": true, "settings": true, "storage": true, "upload": true,
	"viewRefresh": true, "visibility": true, "visibilityOff": true,
	"volumeUp": true, "warning": true,
}

// IsIcon reports whether name is a Fyne theme icon name a card may use.
func IsIcon(name string) bool { return icons[name] }
