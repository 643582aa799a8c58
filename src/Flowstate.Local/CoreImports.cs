// The core types the runner builds on (JSON DOM, ASL reader, model). One place to change when they move.
global using Flowstate.Generator.Asl;
global using Flowstate.Generator.Json;
global using Flowstate.Generator.Model;
global using JsonValue = Flowstate.Generator.Json.JsonValue;
