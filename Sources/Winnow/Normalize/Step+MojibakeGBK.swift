struct GBKMojibakeStep: LineStep { init() throws(WinnowError) {}; func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? { nil } }
