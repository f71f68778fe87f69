"""The user's own work on papers (read, starred, notes, tags): the store (`store`), the TinyDB
file underneath it (`tinydb_file`) and recovery of damaged files (`salvage`)."""
