
/// The payment method and invoice channel of one invoice (usually, not always, the customer's).
struct InvoiceHabit {
    var method: PaymentMethod
    var channel: InvoiceChannel
}
