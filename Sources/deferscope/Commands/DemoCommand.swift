import ArgumentParser
import DeferredKit
import DeferscopeAgent
import DeferscopeDemo
import DeferscopeWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `deferscope demo`: the bundled demo service, with the dashboard attached to it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the bundled demo service (with --app-only: just the service, attachable).",
        discussion: """
            The demo is a small service built on DeferredKit: HTTP requests with retries and \
            timeouts, a connection pool, a mail queue, checkouts of 3 to 10 steps, fan-out with \
            gatherResults and race, and the incidents the dashboard is for: a chain stuck on a leaf \
            nobody fires, a deadlock, abandoned Deferreds, unhandled failures, a double fire.
            """
    )

    @Flag(help: "Run only the demo service: print its pid and socket, run until Ctrl-C or SIGTERM.")
    var appOnly = false

    @OptionGroup var dashboard: DashboardOptions

    @Option(help: "Operations started per second.")
    var rate: Double = 40

    @Option(help: "Short-lived Deferreds per second on a hot path (cached lookups fired at once), for load.")
    var churn: Double = 0

    @Option(help: "Seed of every random decision (default: a new one, printed); the same seed repeats a run.")
    var seed: UInt64?

    @Option(help: .hidden)
    var parent: Int32?

    func validate() throws {
        guard rate > 0, rate <= 1_000_000 else {
            throw ValidationError("--rate must be between 0 and 1,000,000 operations per second")
        }
        guard churn >= 0, churn <= 10_000_000 else {
            throw ValidationError("--churn must be between 0 and 10,000,000 Deferreds per second")
        }
    }

    func run() throws {
        let seed = seed ?? UInt64.random(in: 1...999_999)
        if appOnly {
            try DemoApp(rate: rate, churn: churn, seed: seed, parent: parent).run()
            return
        }
        // The service runs as a child (this same binary): the dashboard attaches to its real
        // socket, exactly as it would to any process.
        guard let executable = Posix.readLink("/proc/self/exe") else {
            throw CommandFailure("cannot find this program's path to start the demo service")
        }
        let log = "/tmp/deferscope-demo-\(getpid()).log"
        let child = try ChildProcess(
            [
                executable, "demo", "--app-only", "--rate", String(rate), "--churn", String(churn),
                "--seed", String(seed),
                "--parent", String(getpid()),
            ],
            errorPath: log
        )
        defer {
            child.stop()
            unlink(log)
        }
        guard child.readLine(timeout: 30) != nil, let socketLine = child.readLine(timeout: 30),
            socketLine.hasPrefix("socket ")
        else {
            throw CommandFailure("the demo service did not start; what it said is in \(log)")
        }
        let socket = String(socketLine.dropFirst("socket ".count))
        try AttachCommand.show(.socket(socket), options: dashboard, follow: false)
    }
}

/// The demo service as its own attachable process.
struct DemoApp {
    var rate: Double
    var churn: Double
    var seed: UInt64
    /// The dashboard that started this service: when it is gone (killed without a chance to stop
    /// its child), the service stops too instead of running on unseen.
    var parent: Int32?

    func run() throws {
        InterruptFlag.install()
        do {
            try DeferscopeAgent.start()
        } catch {
            throw CommandFailure("cannot start the agent: \(error)")
        }
        let service = DemoService(configuration: DemoConfiguration(rate: rate, seed: seed, churn: churn))
        service.start()
        // Parents (and tests) read these two lines to find the app.
        print("pid \(getpid())")
        print("socket \(DeferscopeAgent.socketPath ?? "-")")
        print("seed \(seed) (run again with --seed \(seed)); Ctrl-C stops")
        fflush(nil)
        WorkloadStopFlag.install()
        var lastReport = 0
        while !InterruptFlag.isSet && (parent == nil || getppid() == parent) {
            usleep(100_000)
            if WorkloadStopFlag.isSet {
                // The soak test's end (scripts/soak): no new work, the agent stays, and the app's
                // own counters every second until they settle, to compare with a client's picture.
                service.stop()
                lastReport += 1
                if lastReport % 10 == 1 { Self.reportCounters(service.statistics) }
            }
        }
        service.stop()
        DeferscopeAgent.stop()
        let done = service.statistics
        print(
            "demo stopped: \(done.started) operations started, \(done.succeeded) succeeded, \(done.failed) failed "
                + "(\(done.timedOut) timed out, \(done.retried) retries)"
        )
    }

    private static func reportCounters(_ done: DemoStatistics) {
        let dropped = DeferscopeAgent.statistics.map { "\($0.droppedByAgent)" } ?? "-"
        print(
            "workload stopped: live \(DeferredRegistry.count), operations started \(done.started) succeeded "
                + "\(done.succeeded) failed \(done.failed), price lookups \(done.priceLookups), events dropped by the "
                + "agent \(dropped)"
        )
        fflush(nil)
    }
}
