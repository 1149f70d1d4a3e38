/// The person a customer can reach, named on every message (`[contact]` in `relance.toml`).
///
/// Automation must never leave a customer without a person to talk to: every template's context
/// carries these fields and template validation refuses a message kind that is rendered without them.
public struct HumanContact: Sendable, Equatable {
    public var name: String
    public var phone: String
    public var email: String
    /// Opening hours in the user's words ("lun.–ven. 9h–17h"), per language if given so.
    public var localizedHours: LocalizedText

    /// The hours for languages without their own wording.
    public var hours: String {
        get { localizedHours.fallback }
        set { localizedHours = LocalizedText(newValue) }
    }

    public init(name: String, phone: String, email: String, hours: String = "") {
        self.name = name
        self.phone = phone
        self.email = email
        self.localizedHours = LocalizedText(hours)
    }
}
