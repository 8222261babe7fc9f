// The one place libcmark-gfm's headers enter Swift; only the Markdown module imports CCmark.
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

// The extensions' node types are mutable globals the installed headers do not declare; Swift 6
// refuses to read a C global that is not constant, so they are read through functions.
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL, CMARK_NODE_STRIKETHROUGH;
static inline cmark_node_type ccmark_table_type(void) { return CMARK_NODE_TABLE; }
static inline cmark_node_type ccmark_table_row_type(void) { return CMARK_NODE_TABLE_ROW; }
static inline cmark_node_type ccmark_table_cell_type(void) { return CMARK_NODE_TABLE_CELL; }
