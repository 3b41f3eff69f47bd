import DeferredKit
import Testing

@Test func smoke() throws {
    let d = Deferred<Int>()
    try d.callback(1)
    #expect(d.isCalled)
}
