import CCmark

/// The version of libcmark linked in.
public var cmarkVersion: String { String(cString: cmark_version_string()) }
