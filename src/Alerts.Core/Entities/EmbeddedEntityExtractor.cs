namespace Alerts.Entities;

/// <summary>
/// The offline extractor: finds people, places, organisations, dates and quantities without a service. Capitalised
/// runs of words are the candidates; gazetteers, titles ("President", "Secretary-General"), organisation and place
/// cue words ("Ministry", "Airport", "the town of"), speech verbs and acronym definitions decide what each is; a bare
/// surname later in the story is the person named in full earlier. Dates and quantities come from patterns.
/// </summary>
public sealed class EmbeddedEntityExtractor : IEntityExtractor
{
    public const string Name = "embedded";

    private readonly Gazetteer _gazetteer = Gazetteer.Default;

    public Task<EntityExtraction> ExtractAsync(string text, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new EntityExtraction { Entities = Extract(text), Extractor = Name });
    }

    /// <summary>The entities of <paramref name="text"/>, in order, none overlapping another.</summary>
    public IReadOnlyList<Entity> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pass = new Pass(text, _gazetteer);
        pass.Run();
        return pass.Result();
    }

    private sealed class Pass(string text, Gazetteer gazetteer)
    {
        private readonly List<NameToken> _tokens = NameRuns.Tokenize(text);
        private readonly List<Entity> _names = [];
        private readonly List<(int First, int Count)> _pending = [];
        private readonly Dictionary<string, string> _personAliases = new(StringComparer.Ordinal);

        public void Run()
        {
            foreach (var (first, count) in NameRuns.Find(text, _tokens))
            {
                var (f, c) = (first, count);
                // "The", "Within", "Authorities": openers, not names, unless the gazetteer knows them.
                while (c > 0 && CueWords.CommonWords.Contains(_tokens[f].Text) && !Known(f, 1))
                {
                    f++;
                    c--;
                }
                if (c > 0)
                {
                    Segment(f, c);
                }
            }
            // Two rounds: a person found by a speech verb gives an alias that a later bare surname needs.
            for (var round = 0; round < 2; round++)
            {
                var still = new List<(int, int)>();
                foreach (var run in _pending)
                {
                    if (!Resolve(run.First, run.Count, final: round == 1))
                    {
                        still.Add(run);
                    }
                }
                _pending.Clear();
                _pending.AddRange(still);
            }
        }

        public IReadOnlyList<Entity> Result()
        {
            var all = _names.OrderBy(e => e.Offset).ToList();
            var taken = all.Select(e => (e.Offset, End: e.Offset + e.Length)).ToList();
            foreach (var e in TemporalAndNumericPatterns.Find(text))
            {
                var end = e.Offset + e.Length;
                if (taken.Exists(t => e.Offset < t.End && t.Offset < end))
                {
                    continue;
                }
                taken.Add((e.Offset, end));
                all.Add(e);
            }
            return [.. all.OrderBy(e => e.Offset)];
        }

        private void Segment(int first, int count)
        {
            var last = first + count - 1;
            if (Lookup(first, count) is { } known)
            {
                Emit(first, count, known.Category, known.Subcategory, 0.9);
                return;
            }
            var tail = _tokens[last].Text;
            if (CueWords.StructuralTails.Contains(tail) && count > 1)
            {
                Emit(first, count, EntityCategory.Location, EntityCategory.Subcategories.Structural, 0.8);
                return;
            }
            if (CueWords.GeographicalTails.Contains(tail) && count > 1)
            {
                Emit(first, count, EntityCategory.Location, EntityCategory.Subcategories.Geographical, 0.8);
                return;
            }
            if (CueWords.OrganizationTails.Contains(tail) && count > 1 && !IsTitleHeadAt(last))
            {
                Emit(first, count, EntityCategory.Organization, null, 0.8);
                return;
            }
            if (TitleSpan(first, count) is { } title)
            {
                SplitAtTitle(first, count, title.Start, title.End);
                return;
            }
            if (CueWords.AdministrativeTails.Contains(tail) && count > 1)
            {
                Emit(first, count, EntityCategory.Location, EntityCategory.Subcategories.GPE, 0.8);
                return;
            }
            if (CueWords.OrganizationHeads.Contains(_tokens[first].Text) && count > 1)
            {
                Emit(first, count, EntityCategory.Organization, null, 0.75);
                return;
            }
            if (gazetteer.IsDemonym(tail))
            {
                return; // "Kazakh", "Central Asian": adjectives, not names
            }
            if (count > 1 && SplitByGazetteer(first, count))
            {
                return;
            }
            _pending.Add((first, count));
        }

        /// <summary>"U.S. Secretary of State Antony Blinken": the place, the title, then the person.</summary>
        private void SplitAtTitle(int first, int count, int titleStart, int titleEnd)
        {
            var last = first + count - 1;
            if (titleStart > first && !AllDemonyms(first, titleStart - first))
            {
                Segment(first, titleStart - first);
            }
            var head = _tokens[titleStart].Text;
            if (!(titleEnd == titleStart + 1 && head is "Mr." or "Mrs." or "Ms." or "Dr."))
            {
                Emit(titleStart, titleEnd - titleStart, EntityCategory.PersonType, null, 0.8);
            }
            if (titleEnd <= last)
            {
                var rest = last - titleEnd + 1;
                if (Lookup(titleEnd, rest) is { } known)
                {
                    Emit(titleEnd, rest, known.Category, known.Subcategory, 0.9);
                }
                else
                {
                    EmitPerson(titleEnd, rest, 0.85);
                }
            }
        }

        /// <summary>A run of two known names, or a known name and more: "Kazakhstan Almaty" is two places.</summary>
        private bool SplitByGazetteer(int first, int count)
        {
            var found = false;
            var i = first;
            var end = first + count;
            var leftover = -1;
            while (i < end)
            {
                var matched = 0;
                for (var n = Math.Min(gazetteer.MaxWords + 2, end - i); n >= 1; n--)
                {
                    if (Lookup(i, n) is { } known)
                    {
                        if (leftover >= 0)
                        {
                            _pending.Add((leftover, i - leftover));
                            leftover = -1;
                        }
                        Emit(i, n, known.Category, known.Subcategory, 0.85);
                        matched = n;
                        found = true;
                        break;
                    }
                }
                if (matched == 0)
                {
                    if (leftover < 0 && !CueWords.NameConnectors.Contains(_tokens[i].Text))
                    {
                        leftover = i;
                    }
                    i++;
                }
                else
                {
                    i += matched;
                }
            }
            if (found && leftover >= 0)
            {
                _pending.Add((leftover, end - leftover));
            }
            return found;
        }

        /// <summary>What a run that no cue inside it decided is, from what is around it; false to try again later.</summary>
        private bool Resolve(int first, int count, bool final)
        {
            var last = first + count - 1;
            var span = Text(first, count);
            if (_personAliases.ContainsKey(span) || (count == 1 && _personAliases.ContainsKey(_tokens[first].Text)))
            {
                EmitPerson(first, count, 0.75);
                return true;
            }
            var next = last + 1 < _tokens.Count ? _tokens[last + 1] : default;
            var previous = first > 0 ? _tokens[first - 1] : default;
            if (count >= 2 && count <= 4 && next.Text is not null && CueWords.SpeechVerbs.Contains(next.Text) && NameLike(first, count))
            {
                EmitPerson(first, count, 0.65);
                return true;
            }
            if (count >= 2 && count <= 4 && NameLike(first, count) && FollowedByAge(last))
            {
                EmitPerson(first, count, 0.7);
                return true;
            }
            if (count == 1 && Gazetteer.IsAllCaps(span) && span.Length <= 6 && !CueWords.NotAcronyms.Contains(span) && !span.Contains('.', StringComparison.Ordinal))
            {
                Emit(first, count, EntityCategory.Organization, null, 0.5);
                return true;
            }
            if (DefinesAcronym(last))
            {
                Emit(first, count, EntityCategory.Organization, null, 0.7);
                return true;
            }
            if (previous.Text is not null && AfterPlaceCue(first))
            {
                Emit(first, count, EntityCategory.Location, EntityCategory.Subcategories.GPE, 0.6);
                return true;
            }
            if (!final)
            {
                return false;
            }
            if (count >= 2 && count <= 3 && NameLike(first, count))
            {
                EmitPerson(first, count, 0.5);
            }
            return true; // a lone capitalised word with nothing to say what it is stays unnamed
        }

        private (int Start, int End)? TitleSpan(int first, int count)
        {
            var end = first + count;
            for (var h = first; h < end; h++)
            {
                if (!IsTitleHeadAt(h))
                {
                    continue;
                }
                var start = h;
                while (start > first && CueWords.TitleModifiers.Contains(_tokens[start - 1].Text))
                {
                    start--;
                }
                var stop = h + 1;
                while (stop < end)
                {
                    var t = _tokens[stop].Text;
                    if (CueWords.TitleHeads.Contains(t) || (CueWords.TitleModifiers.Contains(t) && stop + 1 < end && CueWords.TitleHeads.Contains(_tokens[stop + 1].Text)))
                    {
                        stop++;
                    }
                    else if (t == "of" && stop + 1 < end)
                    {
                        var o = _tokens[stop + 1].Text == "the" && stop + 2 < end ? stop + 2 : stop + 1;
                        if (!CueWords.TitleOfObjects.Contains(_tokens[o].Text))
                        {
                            break;
                        }
                        stop = o + 1;
                    }
                    else
                    {
                        break;
                    }
                }
                return (start, stop);
            }
            return null;
        }

        private bool IsTitleHeadAt(int i) => CueWords.TitleHeads.Contains(_tokens[i].Text);

        private bool AllDemonyms(int first, int count)
        {
            for (var i = first; i < first + count; i++)
            {
                if (!gazetteer.IsDemonym(_tokens[i].Text))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Words that could be a person's name: capitalised, not common, not a place or title.</summary>
        private bool NameLike(int first, int count)
        {
            for (var i = first; i < first + count; i++)
            {
                var t = _tokens[i].Text;
                if (CueWords.NameConnectors.Contains(t))
                {
                    continue;
                }
                if (!_tokens[i].Capitalised || Gazetteer.IsAllCaps(t) || CueWords.CommonWords.Contains(t) || gazetteer.IsDemonym(t)
                    || CueWords.TitleModifiers.Contains(t) || gazetteer.TryLookup(t, out _) || t.Any(char.IsDigit))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>"Nursultan Nazarbaev, 81, who …".</summary>
        private bool FollowedByAge(int last)
        {
            var p = _tokens[last].End;
            if (p + 4 > text.Length || text[p] != ',' || text[p + 1] != ' ')
            {
                return false;
            }
            var q = p + 2;
            var digits = 0;
            while (q < text.Length && char.IsDigit(text[q]) && digits < 4)
            {
                q++;
                digits++;
            }
            return digits is >= 1 and <= 3 && q < text.Length && text[q] == ',';
        }

        /// <summary>"Collective Security Treaty Organization (CSTO)".</summary>
        private bool DefinesAcronym(int last)
        {
            var p = _tokens[last].End;
            if (p + 3 >= text.Length || text[p] != ' ' || text[p + 1] != '(')
            {
                return false;
            }
            var close = text.IndexOf(')', p + 2);
            return close > p + 3 && close - p <= 10 && Gazetteer.IsAllCaps(text[(p + 2)..close]);
        }

        /// <summary>"in Nur-Sultan", "the western oil town of Zhanaozen".</summary>
        private bool AfterPlaceCue(int first)
        {
            var previous = _tokens[first - 1];
            if (!OnlySpace(previous.End, _tokens[first].Start))
            {
                return false;
            }
            if (CueWords.PlacePrepositions.Contains(previous.Text) && !previous.Capitalised)
            {
                return true;
            }
            return previous.Text == "of" && first >= 2 && CueWords.PlaceNouns.Contains(_tokens[first - 2].Text);
        }

        private bool OnlySpace(int from, int to)
        {
            for (var p = from; p < to; p++)
            {
                if (text[p] != ' ')
                {
                    return false;
                }
            }
            return true;
        }

        private bool Known(int first, int count) => Lookup(first, count) is not null;

        private (string Category, string? Subcategory)? Lookup(int first, int count) =>
            gazetteer.TryLookup(Text(first, count), out var kind) ? kind : null;

        private string Text(int first, int count)
        {
            var start = _tokens[first].Start;
            return text[start.._tokens[first + count - 1].End];
        }

        private void EmitPerson(int first, int count, double confidence)
        {
            Emit(first, count, EntityCategory.Person, null, confidence);
            _personAliases.TryAdd(Text(first, count), Text(first, count));
            // Later mentions use the surname ("Tokayev"), or the last two words of a long name.
            var last = _tokens[first + count - 1].Text;
            if (count > 1 && !CueWords.CommonWords.Contains(last) && !gazetteer.TryLookup(last, out _))
            {
                _personAliases.TryAdd(last, Text(first, count));
            }
            // "al-Burhan" is later just "Burhan".
            if (count > 1 && NameToken.ParticleLength(last) is > 0 and var particle)
            {
                _personAliases.TryAdd(last[particle..], Text(first, count));
            }
            if (count > 2)
            {
                _personAliases.TryAdd(Text(first + count - 2, 2), Text(first, count));
            }
        }

        private void Emit(int first, int count, string category, string? subcategory, double confidence)
        {
            var start = _tokens[first].Start;
            var end = _tokens[first + count - 1].End;
            _names.Add(new Entity(text[start..end], category, subcategory, start, end - start, confidence));
        }
    }
}
