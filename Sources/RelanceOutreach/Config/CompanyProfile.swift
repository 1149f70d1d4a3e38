/// The company's voice and branding, shown on every message (`[company]` in `relance.toml`).
public struct CompanyProfile: Sendable, Equatable {
    public var name: String
    /// Shown at the top of HTML messages; empty for none.
    public var logoURL: String
    /// CSS colour (`#1F4E79`) used for the HTML header bar and headings.
    public var brandColour: String
    /// The `From:` address of outgoing messages; its domain also names the Message-IDs.
    public var senderEmail: String
    /// Closing signature, may span several lines; per language if given so.
    public var localizedSignature: LocalizedText

    /// The signature for languages without their own wording.
    public var signature: String {
        get { localizedSignature.fallback }
        set { localizedSignature = LocalizedText(newValue) }
    }

    public init(name: String, logoURL: String = "", brandColour: String = "#1F4E79", senderEmail: String, signature: String = "") {
        self.name = name
        self.logoURL = logoURL
        self.brandColour = brandColour
        self.senderEmail = senderEmail
        self.localizedSignature = LocalizedText(signature)
    }
}
