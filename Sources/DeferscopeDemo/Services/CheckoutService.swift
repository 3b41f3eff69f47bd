import DeferredKit
import Glibc

/// A receipt for a completed order.
struct Receipt: Sendable {
    var order: Int
    var total: Int
}

/// Checkout: a chain of 3 to 10 labelled steps, several of which wait on nested Deferreds (the
/// cart service, the inventory database, the payment provider, the mail queue).
struct CheckoutService: Sendable {
    let http: HTTPClient
    let database: ConnectionPool
    let mail: MailQueue
    let random: DemoRandom
    let counters: DemoCounters

    /// Runs one checkout of `order`.
    @discardableResult
    func checkout(order: Int) -> Deferred<Receipt> {
        counters.update { $0.started += 1 }
        var chain = http.get("/api/carts/\(order)")
            .addCallback(label: "validate cart") { response -> Int in
                guard response.bytes > 0 else { throw InvalidCart(order: order) }
                return order
            }
        if random.chance(0.7) {
            chain = chain.addCallback(label: "apply coupon") { order in order }
        }
        chain = chain.addCallback(label: "reserve inventory") { order in
            database.query("UPDATE inventory SET reserved = reserved + 1 WHERE order_id = \(order)")
                .addCallback { _ in order }
        }
        if random.chance(0.5) {
            chain = chain.addCallback(label: "check fraud score") { order in
                http.get("/fraud/score?order=\(order)").addCallback { _ in order }
            }
        }
        let charged = chain.addCallback(label: "charge card") { order in
            http.get("/payments/charge?order=\(order)").addCallback { _ in Receipt(order: order, total: 4_200) }
        }
        var receipt = charged.addCallback(label: "write receipt") { receipt in
            database.query("INSERT INTO receipts VALUES (\(receipt.order))").addCallback { _ in receipt }
        }
        if random.chance(0.1) {
            // Rendering the invoice PDF blocks the thread that fires the chain: the dashboard's
            // "step ran long" warning is for exactly this.
            receipt = receipt.addCallback(label: "render PDF invoice") { receipt in
                usleep(150_000)
                return receipt
            }
        }
        if random.chance(0.6) {
            receipt = receipt.addCallback(label: "update loyalty points") { receipt in receipt }
        }
        return
            receipt
            .addCallback(label: "send confirmation") { receipt in
                mail.enqueue(EmailJob(to: "customer-\(receipt.order)@example.com", template: "order-confirmation"))
                return receipt
            }
            .addErrback(label: "release reservation") { error -> Receipt in
                // A handled failure: the order is abandoned and the customer told.
                counters.update { $0.failed += 1 }
                throw error
            }
            .addErrback(label: "show error page") { _ in Receipt(order: order, total: 0) }
            .addCallback(label: "count checkout") { receipt in
                if receipt.total > 0 { counters.update { $0.succeeded += 1 } }
                return receipt
            }
    }
}

/// The cart service returned a cart that cannot be checked out.
struct InvalidCart: Error {
    var order: Int
}
