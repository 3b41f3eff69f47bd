import DeferredKit
import DeferscopeWire

/// `dump --json`: the schema `deferscope.dump/1` documented in docs/protocol.md.
enum DumpJSON {
    static func write(_ snapshot: AgentSnapshot, _ descriptions: [ChainDescription]) {
        var json = JSONWriter()
        json.beginObject()
        json.string("schema", "deferscope.dump/1")
        process(snapshot.hello, into: &json)
        json.number("count", descriptions.count)
        json.number("pending", descriptions.filter(\.isPending).count)
        json.beginArray("deferreds")
        for description in descriptions {
            deferred(description, snapshot, into: &json)
            if json.text.utf8.count > 1 << 16 {
                print(json.flush(), terminator: "")
            }
        }
        json.endArray()
        json.endObject()
        print(json.flush())
    }

    private static func process(_ hello: Hello, into json: inout JSONWriter) {
        json.beginObject("process")
        json.number("pid", hello.pid)
        json.string("name", hello.processName)
        json.string("executable", hello.executablePath)
        json.number("startedAt", Double(hello.processStartTime) / 1e9)
        json.number("protocolVersion", hello.protocolVersion)
        json.bool("includesValues", hello.includesValues)
        json.endObject()
    }

    private static func deferred(
        _ description: ChainDescription,
        _ snapshot: AgentSnapshot,
        into json: inout JSONWriter
    ) {
        let chain = description.chain
        json.beginObject()
        json.number("id", chain.id)
        json.string("label", chain.label)
        json.string("state", description.state)
        json.bool("pending", description.isPending)
        json.number("ageSeconds", description.age)
        site(chain.siteID, "createdAt", snapshot, into: &json)
        optionalID("waitingOn", chain.waitingOn, into: &json)
        optionalID("chainedTo", chain.chainedTo, into: &json)
        json.number("userPauses", chain.userPauses)
        json.bool("running", chain.isRunning)
        json.bool("hasCanceller", chain.hasCanceller)
        json.number("stepsRun", chain.stepsRun)
        json.beginArray("pendingSteps")
        for step in chain.pendingSteps {
            json.beginObject()
            json.number("index", step.index)
            json.string("kind", StepKind(rawValue: step.kindRawValue)?.description ?? "unknown")
            json.string("label", step.label)
            site(step.siteID, "addedAt", snapshot, into: &json)
            optionalID("feeds", step.feeds, into: &json)
            json.endObject()
        }
        json.endArray()
        json.number("omittedPendingSteps", chain.omittedPendingSteps)
        json.beginArray("waiters")
        for waiter in chain.waiters {
            json.number(nil, waiter)
        }
        json.endArray()
        json.number("omittedWaiters", chain.omittedWaiters)
        if let remaining = description.timeoutRemaining {
            json.beginObject("timeout")
            json.number("seconds", chain.timeoutSeconds)
            json.number("remainingSeconds", remaining)
            json.endObject()
        } else {
            json.null("timeout")
        }
        if let outcome = chain.outcome {
            json.beginObject("outcome")
            json.bool("failure", outcome.isFailure)
            json.string("type", snapshot.typeName(outcome.typeID))
            json.string("value", outcome.valueDescription)
            json.endObject()
        } else {
            json.null("outcome")
        }
        json.endObject()
    }

    private static func site(_ id: UInt32, _ key: String, _ snapshot: AgentSnapshot, into json: inout JSONWriter) {
        guard id != 0, let site = snapshot.sites[id] else {
            json.null(key)
            return
        }
        json.beginObject(key)
        json.string("file", site.fileID)
        json.number("line", site.line)
        json.endObject()
    }

    private static func optionalID(_ key: String, _ id: UInt64, into json: inout JSONWriter) {
        if id == 0 {
            json.null(key)
        } else {
            json.number(key, id)
        }
    }
}
