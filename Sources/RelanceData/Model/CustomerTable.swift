/// Optional customer master data (`customers.csv`), one row per customer, columnar.
///
/// `customer[i]` is the interned code of row `i`; ``row(of:)`` finds a customer's row.
/// Personal fields (name, contact, email, phone) are kept as text: they are only used to address
/// messages and must never be written to logs.
public struct CustomerTable: Sendable {
    public var customer: [Int32] = []
    public var name: [String] = []
    public var contactName: [String] = []
    public var email: [String] = []
    public var phone: [String] = []
    /// BCP-47 tag as given (`fr`, `en-GB`), empty when absent.
    public var language: [String] = []
    public var customerSince: [Day] = []
    public var preferredChannel: [ContactChannel] = []
    public var optOut: [Bool] = []
    public var segment: [String] = []
    public var sourceLine: [Int] = []
    private var rowByCustomer: [Int32: Int] = [:]

    public init() {}

    public var count: Int { customer.count }

    public func row(of customerCode: Int32) -> Int? { rowByCustomer[customerCode] }

    public mutating func append(
        customer code: Int32, name: String = "", contactName: String = "", email: String = "",
        phone: String = "", language: String = "", customerSince: Day? = nil,
        preferredChannel: ContactChannel = .unknown, optOut: Bool = false, segment: String = "",
        sourceLine: Int = 0
    ) {
        rowByCustomer[code] = customer.count
        customer.append(code)
        self.name.append(name)
        self.contactName.append(contactName)
        self.email.append(email)
        self.phone.append(phone)
        self.language.append(language)
        self.customerSince.append(customerSince ?? .missing)
        self.preferredChannel.append(preferredChannel)
        self.optOut.append(optOut)
        self.segment.append(segment)
        self.sourceLine.append(sourceLine)
    }
}
