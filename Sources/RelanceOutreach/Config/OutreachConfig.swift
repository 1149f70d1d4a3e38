/// Everything the planner needs from `relance.toml`: who writes, who answers, how to pay, the policy.
///
/// Read it with ``OutreachConfig/load(from:)`` (strict: unknown keys and wrong types are errors
/// with their line) or build it in code for tests.
public struct OutreachConfig: Sendable, Equatable {
    public var company: CompanyProfile
    public var contact: HumanContact
    public var payment: PaymentOptions
    public var policy: ContactPolicy
    /// Language used when a customer's language has no templates (`[messages] default_language`).
    public var defaultLanguage: String
    /// Folder holding `templates/<lang>/…`, relative to the configuration file unless absolute.
    public var templatesDirectory: String

    public init(
        company: CompanyProfile, contact: HumanContact, payment: PaymentOptions = PaymentOptions(),
        policy: ContactPolicy = ContactPolicy(), defaultLanguage: String = "fr", templatesDirectory: String = "templates"
    ) {
        self.company = company
        self.contact = contact
        self.payment = payment
        self.policy = policy
        self.defaultLanguage = defaultLanguage
        self.templatesDirectory = templatesDirectory
    }
}
