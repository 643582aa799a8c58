using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Flowstate.Core.Conditions;
using Flowstate.Core.Model;

namespace Flowstate.Core.Graphs;

/// <summary>
/// Draws a state machine as a flowchart: Mermaid for Markdown and documentation, Graphviz DOT for
/// everything else. States are nodes (shape by type), Parallel branches and Map processors are
/// nested subgraphs, Next/Default/Choice edges are solid (Choice edges labelled with the condition
/// when it is short), Catch edges are dashed and labelled with their errors. Transitions to names
/// that do not exist are drawn to a "(missing)" node rather than dropped. Output is deterministic.
/// </summary>
public static class GraphWriter
{
    /// <summary>Conditions longer than this are labelled "rule N" to keep the drawing legible.</summary>
    public const int MaxConditionLabelLength = 40;

    public static string ToMermaid(StateMachineSpec spec) => new MermaidRenderer(Graph.Build(spec)).Render();

    public static string ToDot(StateMachineSpec spec) => new DotRenderer(Graph.Build(spec), spec.Name).Render();

    // ---- graph model shared by both renderers --------------------------------------------------

    private enum NodeKind
    {
        Task,
        Pass,
        Wait,
        Choice,
        Succeed,
        Fail,
        Parallel,
        Map,
        Other,
        Missing,
        Start,
        End,
    }

    private sealed class Node
    {
        public Node(string id, string label, NodeKind kind)
        {
            Id = id;
            Label = label;
            Kind = kind;
        }

        public string Id { get; }
        public string Label { get; }
        public NodeKind Kind { get; }

        /// <summary>Parallel: one cluster per branch. Map: one cluster, the item processor.</summary>
        public List<Cluster> Clusters { get; } = new();

        public bool IsContainer => Clusters.Any(c => c.Nodes.Count > 0);
    }

    private sealed class Cluster
    {
        public Cluster(string id, string label)
        {
            Id = id;
            Label = label;
        }

        public string Id { get; }
        public string Label { get; }
        public List<Node> Nodes { get; } = new();
    }

    private readonly struct Edge
    {
        public Edge(Node from, Node to, string? label, bool isCatch)
        {
            From = from;
            To = to;
            Label = label;
            IsCatch = isCatch;
        }

        public Node From { get; }
        public Node To { get; }
        public string? Label { get; }
        public bool IsCatch { get; }
    }

    private sealed class Graph
    {
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Node> _global = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Node> _missing = new(StringComparer.Ordinal);

        public List<Node> Top { get; } = new();
        public List<Edge> Edges { get; } = new();
        public Node Start { get; private set; } = null!;
        public Node End { get; private set; } = null!;
        public bool UsesEnd => Edges.Any(e => ReferenceEquals(e.To, End));

        public static Graph Build(StateMachineSpec spec)
        {
            var g = new Graph();
            g.Start = new Node(g.Reserve("fs_start"), "Start", NodeKind.Start);
            g.End = new Node(g.Reserve("fs_end"), "End", NodeKind.End);
            var root = g.AddNodes(spec.Root, g.Top);
            if (spec.Root.StartAt is { } startAt) g.Edges.Add(new Edge(g.Start, g.Resolve(startAt, root.Index), null, false));
            g.AddEdges(spec.Root, root, isRoot: true);
            return g;
        }

        private string Reserve(string preferred)
        {
            var id = preferred;
            for (var n = 2; !_ids.Add(id); n++) id = preferred + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return id;
        }

        private static string Sanitize(string name)
        {
            var sb = new StringBuilder("s_", name.Length + 2);
            foreach (var c in name) sb.Append(c < 128 && (char.IsLetterOrDigit(c) || c == '_') ? c : '_');
            return sb.ToString();
        }

        /// <summary>The nodes of one scope: one per state, in order, and the first node of each name.</summary>
        private sealed class ScopeNodes
        {
            public List<Node> Nodes { get; } = new();
            public Dictionary<string, Node> Index { get; } = new(StringComparer.Ordinal);
        }

        /// <summary>Creates the nodes of a scope, and of the scopes inside it.</summary>
        private ScopeNodes AddNodes(ScopeSpec scope, List<Node> into)
        {
            var result = new ScopeNodes();
            var index = result.Index;
            foreach (var state in scope.States)
            {
                var node = new Node(Reserve(Sanitize(state.Name)), state.Name, KindOf(state));
                into.Add(node);
                result.Nodes.Add(node);
                if (!index.ContainsKey(state.Name)) index.Add(state.Name, node);
                if (!_global.ContainsKey(state.Name)) _global.Add(state.Name, node);

                if (state.Branches is { } branches)
                {
                    for (var i = 0; i < branches.Count; i++)
                    {
                        var label = branches[i].Comment ?? "Branch " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        var cluster = new Cluster(Reserve(node.Id + "_b" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), label);
                        node.Clusters.Add(cluster);
                        AddInnerScope(branches[i], cluster);
                    }
                }
                else if (state.Processor is { } processor)
                {
                    var cluster = new Cluster(Reserve(node.Id + "_items"), "Item processor");
                    node.Clusters.Add(cluster);
                    AddInnerScope(processor, cluster);
                }
            }
            return result;
        }

        private readonly List<(ScopeSpec Scope, ScopeNodes Nodes, Node? Start)> _scopes = new();

        // A branch or processor gets its own small start marker, so that a StartAt other than the
        // first state is visible; it has no end marker (its terminal states simply have no exit).
        private void AddInnerScope(ScopeSpec scope, Cluster cluster)
        {
            Node? start = null;
            if (scope.StartAt is not null)
            {
                start = new Node(Reserve(cluster.Id + "_start"), "", NodeKind.Start);
                cluster.Nodes.Add(start);
            }
            _scopes.Add((scope, AddNodes(scope, cluster.Nodes), start));
        }

        private void AddEdges(ScopeSpec scope, ScopeNodes nodes, bool isRoot)
        {
            var index = nodes.Index;
            for (var s = 0; s < scope.States.Count; s++)
            {
                var state = scope.States[s];
                var from = nodes.Nodes[s];
                if (state.Next is { } next) Edges.Add(new Edge(from, Resolve(next, index), null, false));
                if (state.Choices is { } rules)
                {
                    for (var i = 0; i < rules.Count; i++)
                        if (rules[i].Next is { } target) Edges.Add(new Edge(from, Resolve(target, index), RuleLabel(rules[i], i), false));
                }
                if (state.Default is { } fallback) Edges.Add(new Edge(from, Resolve(fallback, index), "Default", false));
                if (state.Catch is { } catchers)
                {
                    foreach (var catcher in catchers)
                        if (catcher.Next is { } target) Edges.Add(new Edge(from, Resolve(target, index), string.Join(", ", catcher.ErrorEquals ?? default), true));
                }
                if (isRoot && (state.End == true || string.Equals(state.Type, "Succeed", StringComparison.Ordinal) || string.Equals(state.Type, "Fail", StringComparison.Ordinal)))
                    Edges.Add(new Edge(from, End, null, false));
            }
            if (!isRoot) return;
            // Inner scopes after the top level, in the order they were found: edges stay grouped and stable.
            for (var i = 0; i < _scopes.Count; i++)
            {
                var (inner, innerNodes, start) = _scopes[i];
                if (start is not null) Edges.Add(new Edge(start, Resolve(inner.StartAt!, innerNodes.Index), null, false));
                AddEdges(inner, innerNodes, isRoot: false);
            }
        }

        private Node Resolve(string name, Dictionary<string, Node> scope)
        {
            if (scope.TryGetValue(name, out var node) || _global.TryGetValue(name, out node) || _missing.TryGetValue(name, out node)) return node;
            node = new Node(Reserve(Sanitize(name)), name + " (missing)", NodeKind.Missing);
            _missing.Add(name, node);
            Top.Add(node);
            return node;
        }

        private static NodeKind KindOf(StateSpec state) => state.Raw is not null ? NodeKind.Other : state.Type switch
        {
            "Task" => NodeKind.Task,
            "Pass" => NodeKind.Pass,
            "Wait" => NodeKind.Wait,
            "Choice" => NodeKind.Choice,
            "Succeed" => NodeKind.Succeed,
            "Fail" => NodeKind.Fail,
            "Parallel" => NodeKind.Parallel,
            "Map" => NodeKind.Map,
            _ => NodeKind.Other,
        };

        private static string RuleLabel(ChoiceRuleSpec rule, int index)
        {
            string? text = null;
            if (rule.Condition is { IsString: true } condition) text = condition.Text;
            else if (ConditionPrinter.TryPrint(rule, out var printed, out _)) text = printed;
            return text is not null && text.Length <= MaxConditionLabelLength
                ? text
                : "rule " + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static string OneLine(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(char.IsControl(c) ? ' ' : c);
        return sb.ToString();
    }

    // ---- Mermaid -------------------------------------------------------------------------------

    private sealed class MermaidRenderer
    {
        private readonly Graph _graph;
        private readonly StringBuilder _sb = new();

        public MermaidRenderer(Graph graph) => _graph = graph;

        public string Render()
        {
            _sb.Append("flowchart TD\n");
            WriteNode(_graph.Start, 1);
            foreach (var node in _graph.Top) WriteNode(node, 1);
            if (_graph.UsesEnd) WriteNode(_graph.End, 1);
            foreach (var edge in _graph.Edges)
            {
                var arrow = edge.IsCatch ? "-.->" : "-->";
                var label = edge.Label is null ? " " : "|\"" + Escape(edge.Label) + "\"| ";
                Line(1, edge.From.Id + " " + arrow + label + edge.To.Id);
            }
            WriteClasses();
            return _sb.ToString();
        }

        private void WriteNode(Node node, int depth)
        {
            if (node.IsContainer)
            {
                var title = node.Label + (node.Kind == NodeKind.Map ? " (Map)" : " (Parallel)");
                Line(depth, "subgraph " + node.Id + " [\"" + Escape(title) + "\"]");
                Line(depth + 1, "direction TB");
                if (node.Kind == NodeKind.Map)
                {
                    foreach (var inner in node.Clusters.SelectMany(c => c.Nodes)) WriteNode(inner, depth + 1);
                }
                else
                {
                    foreach (var cluster in node.Clusters)
                    {
                        Line(depth + 1, "subgraph " + cluster.Id + " [\"" + Escape(cluster.Label) + "\"]");
                        foreach (var inner in cluster.Nodes) WriteNode(inner, depth + 2);
                        Line(depth + 1, "end");
                    }
                }
                Line(depth, "end");
                return;
            }
            var label = "\"" + Escape(node.Label) + "\"";
            var shape = node.Kind switch
            {
                NodeKind.Pass => "(" + label + ")",
                NodeKind.Wait => "[/" + label + "/]",
                NodeKind.Choice => "{" + label + "}",
                NodeKind.Succeed or NodeKind.Fail => "([" + label + "])",
                NodeKind.Parallel or NodeKind.Map => "[[" + label + "]]",
                NodeKind.Start or NodeKind.End => "((\"" + Escape(node.Label.Length == 0 ? "start" : node.Label) + "\"))",
                _ => "[" + label + "]",
            };
            Line(depth, node.Id + shape);
        }

        private void WriteClasses()
        {
            var all = new List<Node>();
            void Collect(IEnumerable<Node> nodes)
            {
                foreach (var n in nodes)
                {
                    all.Add(n);
                    foreach (var c in n.Clusters) Collect(c.Nodes);
                }
            }
            Collect(_graph.Top);
            var terminals = new List<string> { _graph.Start.Id };
            if (_graph.UsesEnd) terminals.Add(_graph.End.Id);
            terminals.AddRange(all.Where(n => n.Kind == NodeKind.Start).Select(n => n.Id));
            Line(1, "classDef terminal fill:#222,stroke:#222,color:#fff");
            Line(1, "class " + string.Join(",", terminals) + " terminal");
            WriteClass(all, NodeKind.Succeed, "succeed", "fill:#e6f4ea,stroke:#1e8e3e");
            WriteClass(all, NodeKind.Fail, "fail", "fill:#fce8e6,stroke:#d93025");
            WriteClass(all, NodeKind.Missing, "missing", "fill:#fff,stroke:#d93025,stroke-dasharray:4 3");
        }

        private void WriteClass(List<Node> all, NodeKind kind, string name, string style)
        {
            var ids = all.Where(n => n.Kind == kind && !n.IsContainer).Select(n => n.Id).ToList();
            if (ids.Count == 0) return;
            Line(1, "classDef " + name + " " + style);
            Line(1, "class " + string.Join(",", ids) + " " + name);
        }

        private void Line(int depth, string text)
        {
            _sb.Append(' ', depth * 4).Append(text).Append('\n');
        }

        /// <summary>Mermaid entity codes for the characters that would end or reinterpret a quoted label.</summary>
        private static string Escape(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (var c in OneLine(text))
            {
                switch (c)
                {
                    case '#': sb.Append("#35;"); break;
                    case '&': sb.Append("#amp;"); break;
                    case '"': sb.Append("#quot;"); break;
                    case '<': sb.Append("#lt;"); break;
                    case '>': sb.Append("#gt;"); break;
                    case '|': sb.Append("#124;"); break;
                    case '`': sb.Append("#96;"); break;
                    default: sb.Append(c); break;
                }
            }
            return sb.ToString();
        }
    }

    // ---- DOT -----------------------------------------------------------------------------------

    private sealed class DotRenderer
    {
        private readonly Graph _graph;
        private readonly string _name;
        private readonly StringBuilder _sb = new();

        public DotRenderer(Graph graph, string name)
        {
            _graph = graph;
            _name = name;
        }

        public string Render()
        {
            _sb.Append("digraph ").Append(Quote(_name)).Append(" {\n");
            Line(1, "graph [compound=true, rankdir=TB, fontname=\"Helvetica\"];");
            Line(1, "node [shape=box, style=rounded, fontname=\"Helvetica\"];");
            Line(1, "edge [fontname=\"Helvetica\", fontsize=10];");
            WriteNode(_graph.Start, 1);
            foreach (var node in _graph.Top) WriteNode(node, 1);
            if (_graph.UsesEnd) WriteNode(_graph.End, 1);
            foreach (var edge in _graph.Edges)
            {
                var attributes = new List<string>();
                if (edge.Label is not null) attributes.Add("label=" + Quote(edge.Label));
                if (edge.IsCatch) attributes.Add("style=dashed");
                if (edge.From.IsContainer) attributes.Add("ltail=" + Quote("cluster_" + edge.From.Id));
                if (edge.To.IsContainer) attributes.Add("lhead=" + Quote("cluster_" + edge.To.Id));
                var suffix = attributes.Count == 0 ? "" : " [" + string.Join(", ", attributes) + "]";
                Line(1, Quote(edge.From.Id) + " -> " + Quote(edge.To.Id) + suffix + ";");
            }
            _sb.Append("}\n");
            return _sb.ToString();
        }

        private void WriteNode(Node node, int depth)
        {
            if (node.IsContainer)
            {
                // Edges cannot end on a cluster, so each container has an invisible anchor node inside it;
                // lhead/ltail clip the edges to the cluster's border.
                Line(depth, "subgraph " + Quote("cluster_" + node.Id) + " {");
                Line(depth + 1, "label=" + Quote(node.Label + (node.Kind == NodeKind.Map ? " (Map)" : " (Parallel)")) + ";");
                Line(depth + 1, "style=rounded;");
                Line(depth + 1, Quote(node.Id) + " [label=\"\", shape=point, style=invis, width=0];");
                if (node.Kind == NodeKind.Map)
                {
                    foreach (var inner in node.Clusters.SelectMany(c => c.Nodes)) WriteNode(inner, depth + 1);
                }
                else
                {
                    foreach (var cluster in node.Clusters)
                    {
                        Line(depth + 1, "subgraph " + Quote("cluster_" + cluster.Id) + " {");
                        Line(depth + 2, "label=" + Quote(cluster.Label) + ";");
                        Line(depth + 2, "style=dashed;");
                        foreach (var inner in cluster.Nodes) WriteNode(inner, depth + 2);
                        Line(depth + 1, "}");
                    }
                }
                Line(depth, "}");
                return;
            }
            var attributes = node.Kind switch
            {
                NodeKind.Pass => ", style=\"rounded,dashed\"",
                NodeKind.Wait => ", shape=parallelogram, style=solid",
                NodeKind.Choice => ", shape=diamond, style=solid",
                NodeKind.Succeed => ", style=\"rounded,filled\", fillcolor=\"#e6f4ea\"",
                NodeKind.Fail => ", style=\"rounded,filled\", fillcolor=\"#fce8e6\"",
                NodeKind.Parallel or NodeKind.Map => ", shape=box3d, style=solid",
                NodeKind.Missing => ", style=\"rounded,dashed\", color=\"#d93025\"",
                NodeKind.Start => ", shape=circle, style=filled, fillcolor=black, width=0.2",
                NodeKind.End => ", shape=doublecircle, style=filled, fillcolor=black, width=0.15",
                _ => "",
            };
            var label = node.Kind is NodeKind.Start or NodeKind.End ? "" : node.Label;
            Line(depth, Quote(node.Id) + " [label=" + Quote(label) + attributes + "];");
        }

        private void Line(int depth, string text)
        {
            _sb.Append(' ', depth * 4).Append(text).Append('\n');
        }

        private static string Quote(string text)
        {
            var sb = new StringBuilder(text.Length + 2).Append('"');
            foreach (var c in OneLine(text))
            {
                if (c == '"' || c == '\\') sb.Append('\\');
                sb.Append(c);
            }
            return sb.Append('"').ToString();
        }
    }
}
