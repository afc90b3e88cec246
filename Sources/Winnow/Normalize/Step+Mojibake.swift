struct MojibakeStep: LineStep { func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? { nil } }
