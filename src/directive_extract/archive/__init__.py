"""The archivist's record: a searchable SQLite index of outputs, the incoming register, review pages.

`db` (schema, migrations, incremental indexing), `search` (ranked, diacritic-insensitive queries),
`fold` (the diacritic folding both share), `outputs` (finding and reading a batch's JSON),
`register` (the Nghị định 30/2020/NĐ-CP incoming register as CSV/XLSX), `review` (one HTML page a
document) and `commands` (`index`, `search`, `register`, `show`, added to the CLI by `add_commands`).
"""
