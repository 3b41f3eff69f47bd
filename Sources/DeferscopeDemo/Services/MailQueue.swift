import DeferredKit
import Dispatch

/// An email waiting to be sent.
struct EmailJob: Sendable {
    var to: String
    var template: String
}

/// A job queue on `DeferredQueue` with two consumers: a consumer's `get()` waits (pending) while
/// the queue is empty, and items wait while both consumers are busy.
struct MailQueue: Sendable {
    let network: SimulatedNetwork
    let counters: DemoCounters
    let jobs = DeferredQueue<EmailJob>(backlog: 64)
    /// Where consumers take their next job; a consumer never loops on its own stack.
    let consumers = DispatchQueue(label: "demo.mail-consumers", attributes: .concurrent)

    /// Adds a job; a full queue drops it (and counts the failure).
    func enqueue(_ job: EmailJob) {
        counters.update { $0.started += 1 }
        do {
            try jobs.put(job)
        } catch {
            counters.update { $0.failed += 1 }
        }
    }

    /// Starts `count` consumers.
    func startConsumers(_ count: Int) {
        for worker in 1...count {
            consumers.async { consumeNext(worker: worker) }
        }
    }

    private func consumeNext(worker: Int) {
        guard let next = try? jobs.get() else { return }
        next.addCallback(label: "render template") { job -> Deferred<Response> in
            let sent = Deferred<Response>(label: "smtp send to \(job.to)")
            network.deliver(sent, network.outcome(typical: 0.05...0.3, slowChance: 0, errorChance: 0.03)) {
                Response(status: 250, path: "smtp", bytes: 2_048)
            }
            return sent
        }
        .addErrback(label: "log bounce") { _ in Response(status: 550, path: "smtp", bytes: 0) }
        .addBoth(label: "take next job") { result -> Void in
            counters.update { counters in
                if case .success(let response) = result, response.status == 250 {
                    counters.succeeded += 1
                } else {
                    counters.failed += 1
                }
            }
            consumers.async { consumeNext(worker: worker) }
        }
    }
}
