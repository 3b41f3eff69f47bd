import DeferscopeWire
import Testing

@Test func wireTypesExist() {
    #expect(FrameKind.hello.rawValue == 1)
}
