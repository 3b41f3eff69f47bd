import DeferredKit

/// A response from one of the demo's upstream services.
struct Response: Sendable {
    var status: Int
    var path: String
    var bytes: Int
}

/// An HTTP-like client: each request is a Deferred fired by the network, guarded by a timeout,
/// retried twice after a 503.
struct HTTPClient: Sendable {
    let network: SimulatedNetwork
    let counters: DemoCounters
    /// Seconds a request may take before it is cancelled as timed out.
    var timeout: Double = 2.0

    /// GETs `path`: succeeds with the response, or fails with the last error after retries.
    func get(_ path: String, attempt: Int = 1) -> Deferred<Response> {
        counters.update { $0.started += 1 }
        let request = Deferred<Response>(label: "GET \(path)")
        let outcome = network.outcome(typical: 0.02...0.4, slowChance: 0.06, errorChance: 0.05)
        network.deliver(request, outcome) { Response(status: 200, path: path, bytes: 512) }
        request.addTimeout(timeout)
        return
            request
            .addCallback(label: "check status") { response in
                guard response.status == 200 else { throw ServiceUnavailable() }
                return response
            }
            .addErrback(label: "retry after 503") { error -> Deferred<Response> in
                guard error is ServiceUnavailable, attempt < 3 else { throw error }
                counters.update { $0.retried += 1 }
                return get(path, attempt: attempt + 1)
            }
            .addBoth(label: "count outcome") { result in
                counters.update { counters in
                    switch result {
                    case .success: counters.succeeded += 1
                    case .failure(let error):
                        counters.failed += 1
                        if error is TimeoutError { counters.timedOut += 1 }
                    }
                }
                return try result.get()
            }
    }
}
