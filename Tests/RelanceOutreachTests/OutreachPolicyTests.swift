import Testing
@testable import RelanceOutreach

@Suite struct OutreachPolicyTests {
    let config = Fixture.config()
    let day = Fixture.wednesday

    @Test func optedOutCustomerIsNeverMessagedOverManyDays() {
        let decisions = Fixture.simulate(days: 60, config: config) { d in
            var s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 10 + (d - day))], lateSettled: 8)
            s.optOut = true
            return s
        }
        #expect(decisions.allSatisfy { !$0.action.sendsMessage })
        #expect(decisions.first?.action == .call)
        #expect(decisions.first?.reason == .callOptedOut)
        // Calls too respect the minimum interval.
        let callDays = decisions.filter { $0.action == .call }.map(\.day)
        for (a, b) in zip(callDays, callDays.dropFirst()) { #expect(b - a >= config.policy.minDaysBetweenContacts) }
    }

    @Test func optedOutCustomerWithNothingOverdueIsHeld() {
        var s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: -2, pLate: 0.9)])
        s.optOut = true
        let d = OutreachPolicy.decide(s, history: [], config: config, asOf: day)
        #expect(d.action == .hold)
        #expect(d.reason == .holdOptedOut)
    }

    @Test func openDisputeHoldsEveryReminder() {
        let decisions = Fixture.simulate(days: 30, config: config) { d in
            var s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 20 + (d - day))], lateSettled: 6)
            s.disputeOpen = true
            return s
        }
        #expect(decisions.allSatisfy { $0.action == .hold && $0.reason == .holdDispute })
    }

    @Test func disputeFlagOnOneInvoiceHoldsTheCustomer() {
        var inv = Fixture.invoice("A", daysOverdue: 20)
        inv.disputed = true
        let s = Fixture.situation(open: [inv, Fixture.invoice("B", daysOverdue: 15)])
        #expect(OutreachPolicy.decide(s, history: [], config: config, asOf: day).action == .hold)
    }

    @Test func promiseNotYetDueAndActivePlanHold() {
        var s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 20)])
        s.promisedPaymentDay = day + 3
        #expect(OutreachPolicy.decide(s, history: [], config: config, asOf: day).reason == .holdPromise)
        s.promisedPaymentDay = nil
        s.paymentPlanAgreedDay = day - 10
        #expect(OutreachPolicy.decide(s, history: [], config: config, asOf: day).reason == .holdPaymentPlan)
    }

    @Test func minimumIntervalAndPerInvoiceCapHoldAcrossConsecutiveDays() {
        let cfg = Fixture.config { $0.minDaysBetweenContacts = 4; $0.maxRemindersPerInvoice = 2; $0.responseWindowDays = 4 }
        let decisions = Fixture.simulate(days: 40, config: cfg) { d in
            Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 5 + (d - day))])
        }
        let contacts = decisions.filter { $0.action.isContact }
        for (a, b) in zip(contacts, contacts.dropFirst()) { #expect(b.day - a.day >= 4) }
        let reminders = decisions.filter { $0.action == .overdueReminder }
        #expect(reminders.count == 2)
        // After the cap, a person takes over, once; then the customer is left alone.
        #expect(decisions.filter { $0.action == .call }.map(\.reason) == [.callMaxReminders])
    }

    @Test func toneClimbsOneStepPerResponseWindowAndNeverSkips() {
        let cfg = Fixture.config { $0.minDaysBetweenContacts = 3; $0.responseWindowDays = 7; $0.maxRemindersPerInvoice = 10 }
        let decisions = Fixture.simulate(days: 40, config: cfg) { d in
            Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 3 + (d - day))])
        }
        let reminders = decisions.filter { $0.action == .overdueReminder }
        #expect(reminders.first?.tone == .friendly)
        #expect(reminders.contains { $0.tone == .clear })
        #expect(reminders.contains { $0.tone == .firm })
        var previous: Decision? = nil
        for r in reminders {
            if let p = previous, let pt = p.tone, let t = r.tone {
                #expect(t >= pt)
                if t > pt {
                    #expect(t == pt.stepUp, "never skips a level")
                    #expect(r.day - p.day >= 7, "steps up only after a full response window")
                }
            }
            previous = r
        }
        // With minDays 3 < window 7, the days in between wait for the response window.
        #expect(decisions.contains { $0.reason == .holdAwaitingResponse })
        for (a, b) in zip(reminders, reminders.dropFirst()) { #expect(b.day - a.day >= 7) }
    }

    @Test func aResponseKeepsTheToneFromSteppingUp() {
        let history = [ContactRecord(day: day - 10, customerId: "C1", action: .overdueReminder, tone: .friendly, invoiceIds: ["A"])]
        var s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 20)])
        s.lastResponseDay = day - 5  // e.g. a support contact
        let d = OutreachPolicy.decide(s, history: history, config: config, asOf: day)
        #expect(d.action == .overdueReminder)
        #expect(d.tone == .friendly)
        s.lastResponseDay = nil
        #expect(OutreachPolicy.decide(s, history: history, config: config, asOf: day).tone == .clear)
    }

    @Test func firmReminderWithoutResponseIsHandedToAPerson() {
        let history = [ContactRecord(day: day - 12, customerId: "C1", action: .overdueReminder, tone: .firm, invoiceIds: ["A"])]
        let s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 40)])
        let d = OutreachPolicy.decide(s, history: history, config: config, asOf: day)
        #expect(d.action == .call)
        #expect(d.reason == .callNoResponse)
    }

    @Test func reliablePayerIsThankedForOnTimePaymentAtMostMonthly() {
        let decisions = Fixture.simulate(days: 45, config: config) { d in
            var s = Fixture.situation()
            // A new on-time payment every 10 days.
            let k = (d - day) / 10
            let paid = day + 10 * k
            s.recentPayments = [RecentPayment(invoiceId: "P\(k)", amount: 300, currency: "EUR", dueDate: paid + 2, paidDate: paid, onTime: true)]
            s.lastPaymentDay = paid
            return s
        }
        let thanks = decisions.filter { $0.action == .thankYou }
        #expect(thanks.count == 2)
        #expect(thanks[0].day == day)
        #expect(thanks[1].day - thanks[0].day >= 30)
        #expect(thanks[0].invoiceIds == ["P0"])
    }

    @Test func latePayerOrLatePaymentIsNotThanked() {
        var s = Fixture.situation(lateSettled: 6)
        s.recentPayments = [RecentPayment(invoiceId: "P", amount: 1, currency: "EUR", dueDate: day - 5, paidDate: day - 1, onTime: true)]
        #expect(OutreachPolicy.decide(s, history: [], config: config, asOf: day).action == .none)
        s = Fixture.situation()
        s.recentPayments = [RecentPayment(invoiceId: "P", amount: 1, currency: "EUR", dueDate: day - 5, paidDate: day - 1, onTime: false)]
        #expect(OutreachPolicy.decide(s, history: [], config: config, asOf: day).action == .none)
    }

    @Test func customerWhoPaidSinceLastReminderGetsNoReminder() {
        let history = [ContactRecord(day: day - 8, customerId: "C1", action: .overdueReminder, tone: .clear, invoiceIds: ["A", "B"])]
        var s = Fixture.situation(open: [Fixture.invoice("B", daysOverdue: 15)], lateSettled: 5)
        s.lastPaymentDay = day - 2
        let d = OutreachPolicy.decide(s, history: history, config: config, asOf: day)
        #expect(d.action == .none)
        #expect(d.reason == .nonePaidSinceLastReminder)
    }

    @Test func customerInDifficultyIsOfferedAPaymentPlanSizedFromHistory() {
        var s = Fixture.situation(open: [Fixture.invoice("A", amount: 1200, daysOverdue: 30), Fixture.invoice("B", amount: 900, daysOverdue: 10)])
        s.hardshipReportedDay = day - 20
        s.averageMonthlyBilled = 600  // carries about 300 a month
        let d = OutreachPolicy.decide(s, history: [], config: config, asOf: day)
        #expect(d.action == .paymentPlanOffer)
        #expect(d.segment == .inDifficulty)
        #expect(d.invoiceIds == ["A", "B"])
        let plan = try! #require(d.paymentPlan)
        #expect(plan.instalments.count == 6)  // 2100 / 300 = 7, capped at max_instalments 6
        #expect(abs(plan.instalments.reduce(0) { $0 + $1.amount } - 2100) < 0.005)
        #expect(plan.instalments.first?.day == day + 14)
        // Not offered again within the interval: a (never firm) reminder instead.
        let again = OutreachPolicy.decide(s, history: [d.contactRecord!], config: config, asOf: day + 10)
        #expect(again.action == .overdueReminder)
    }

    @Test func brokenPromiseWithSeveralOverdueInvoicesMeansDifficulty() {
        var s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 30), Fixture.invoice("B", daysOverdue: 10)])
        s.brokenPromise = true
        #expect(s.segment(asOf: day, policy: config.policy) == .inDifficulty)
    }

    @Test func chronicLatePayerWithLargeBalanceIsOfferedAPlanButSmallBalanceIsReminded() {
        let big = Fixture.situation(open: [Fixture.invoice("A", amount: 5000, daysOverdue: 12)], lateSettled: 7)
        #expect(OutreachPolicy.decide(big, history: [], config: config, asOf: day).reason == .planChronicLargeBalance)
        let small = Fixture.situation(open: [Fixture.invoice("A", amount: 200, daysOverdue: 12)], lateSettled: 7)
        let d = OutreachPolicy.decide(small, history: [], config: config, asOf: day)
        #expect(d.action == .overdueReminder)
        #expect(d.tone == .clear, "chronic late payers start at the clear tone")
    }

    @Test func oneDecisionCoversAllOpenInvoices() {
        let s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 12), Fixture.invoice("B", daysOverdue: 3), Fixture.invoice("C", daysOverdue: -10)])
        let d = OutreachPolicy.decide(s, history: [], config: config, asOf: day)
        #expect(d.action == .overdueReminder)
        #expect(d.invoiceIds == ["A", "B", "C"])
    }

    @Test func preDueHeadsUpOnlyAboveThresholdAndOncePerInvoice() {
        let risky = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: -2, pLate: 0.8)])
        let d = OutreachPolicy.decide(risky, history: [], config: config, asOf: day)
        #expect(d.action == .preDueReminder)
        #expect(d.tone == .friendly)
        #expect(OutreachPolicy.decide(risky, history: [d.contactRecord!], config: config, asOf: day + 6).action == .none)
        let safe = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: -2, pLate: 0.2)])
        #expect(OutreachPolicy.decide(safe, history: [], config: config, asOf: day).action == .none)
        let early = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: -10, pLate: 0.9)])
        #expect(OutreachPolicy.decide(early, history: [], config: config, asOf: day).action == .none)
    }

    @Test func noContactOnWeekendsOrHolidays() {
        var cfg = Fixture.config { $0.contactOnWeekends = false; $0.holidays = [Fixture.wednesday] }
        let s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 12)])
        #expect(OutreachPolicy.decide(s, history: [], config: cfg, asOf: day).reason == .noneNonContactDay)
        #expect(OutreachPolicy.decide(s, history: [], config: cfg, asOf: day + 3).reason == .noneNonContactDay)  // Saturday
        #expect(OutreachPolicy.decide(s, history: [], config: cfg, asOf: day + 5).action == .overdueReminder)  // Monday
        cfg.policy.holidays = []
        #expect(OutreachPolicy.decide(s, history: [], config: cfg, asOf: day).action == .overdueReminder)
    }

    @Test func callTriggersHandOverToAPerson() {
        var s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 12, flags: ["duplicate_of:X"])])
        #expect(OutreachPolicy.decide(s, history: [], config: config, asOf: day).reason == .callAnomaly)
        s = Fixture.situation(open: [Fixture.invoice("A", amount: 40_000, daysOverdue: 12, priority: 20_000)])
        #expect(OutreachPolicy.decide(s, history: [], config: config, asOf: day).reason == .callHighExpectedLate)
        s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 12)])
        s.askedForContactDay = day - 1
        #expect(OutreachPolicy.decide(s, history: [], config: config, asOf: day).reason == .callCustomerAsked)
        s.askedForContactDay = nil
        s.lastBounceDay = day - 6
        let history = [ContactRecord(day: day - 7, customerId: "C1", action: .overdueReminder, tone: .friendly, invoiceIds: ["A"])]
        #expect(OutreachPolicy.decide(s, history: history, config: config, asOf: day).reason == .callBounced)
    }

    @Test func customerWithoutUsableAddressIsRoutedToACallNotDropped() {
        var s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 12)])
        s.email = "not-an-address"
        let d = OutreachPolicy.decide(s, history: [], config: config, asOf: day)
        #expect(d.action == .call)
        #expect(d.reason == .callNoUsableAddress)
        s.email = "marie@leroy.example"
        s.preferredChannel = .phone
        #expect(OutreachPolicy.decide(s, history: [], config: config, asOf: day).reason == .callPrefersPhone)
    }

    @Test func importedReminderEventsCountTowardsTheInterval() {
        var s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 12)])
        s.importedContacts = [ContactRecord(day: day - 1, customerId: "C1", action: .overdueReminder, invoiceIds: ["A"])]
        #expect(OutreachPolicy.decide(s, history: [], config: config, asOf: day).reason == .holdContactedRecently)
    }

    @Test func segmentsFollowTheDocumentedRules() {
        let p = config.policy
        #expect(Fixture.situation().segment(asOf: day, policy: p) == .reliable)
        #expect(Fixture.situation(lateSettled: 3).segment(asOf: day, policy: p) == .occasionalLate)
        #expect(Fixture.situation(lateSettled: 6).segment(asOf: day, policy: p) == .chronicLate)
        #expect(Fixture.situation(settled: 2).segment(asOf: day, policy: p) == .newCustomer)
        var det = Fixture.situation(lateSettled: 0)
        det.recentLateCount = 2
        det.settledLateCount = 2
        #expect(det.segment(asOf: day, policy: p) == .deteriorating)
        var young = Fixture.situation()
        young.customerSince = day - 30
        #expect(young.segment(asOf: day, policy: p) == .newCustomer)
    }
}
