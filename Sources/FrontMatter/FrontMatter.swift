// The front matter parser: see FrontMatter.swift (coming with issue 3).
