import DeferredKit
import DeferscopeTracing
import Logging
import OTel
import ServiceLifecycle
import Tracing

/// Three checkouts, each a request span with a chain of Deferreds under it, exported over OTLP.
@main
enum TracingWithOTel {
    static func main() async throws {
        // 1. Bootstrap swift-otel: traces only, OTLP/HTTP (protobuf) to localhost:4318 unless the
        //    standard OTEL_EXPORTER_OTLP_* environment variables say otherwise.
        var configuration = OTel.Configuration.default
        configuration.serviceName = "checkout-example"
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.batchSpanProcessor.scheduleDelay = .milliseconds(500)
        let observability = try OTel.bootstrap(configuration: configuration)

        // 2. Turn Deferreds into spans of the tracer just bootstrapped. Here: only Deferreds whose
        //    label starts with "checkout." (use `.all` to trace every Deferred).
        DeferredTracing.install(configuration: .init(selection: .labelPrefix("checkout.")))

        // 3. Run the exporter and the app side by side; when the app is done, the group shuts
        //    down gracefully, which flushes the last spans.
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: observability),
                    .init(service: CheckoutWorkload(), successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                logger: Logger(label: "checkout-example")
            )
        )
        try await group.run()
    }
}

/// The app: three requests, each traced with `withSpan`, each waiting on a Deferred chain.
struct CheckoutWorkload: Service {
    func run() async throws {
        for order in 1...3 {
            // Deferreds created in here get this span as their parent (ServiceContext.current).
            let receipt = try await withSpan("POST /checkout") { span in
                span.attributes["order.id"] = order
                return try await checkout(order: order).value
            }
            print(receipt)
        }
    }

    /// Reserve the stock, then charge (a second Deferred the chain waits on), then write the
    /// receipt; the whole chain times out after 2 seconds.
    func checkout(order: Int) -> Deferred<String> {
        let payment = deferLater(0.03, label: "checkout.charge") { order * 100 }
        return deferLater(0.02, label: "checkout.reserve-stock") { order }
            .addCallback(label: "charge") { _ in payment }
            .addCallback(label: "receipt") { cents in "order \(order): charged \(cents) cents" }
            .addTimeout(2)
    }
}
