package wizard

// Progress tells how far the session has come: done is the number of the
// current step (1 for the first), total an estimate of all steps — done plus
// the fewest steps from here to an end. The estimate only shrinks or holds
// as the owner follows the shortest way, and is exact on the last step.
func (s *Session) Progress() (done, total int) {
	done = len(s.trail) + 1
	if s.Done() {
		return done, done // the final finding is the current step
	}
	return done, done + s.flow.stepsToEnd(s.current)
}

// stepsToEnd returns the fewest edges from id to a step that ends the flow
// (a finding without Next), by breadth-first search over the flow's edges.
func (f *Flow) stepsToEnd(id StepID) int {
	dist := map[StepID]int{id: 0}
	queue := []StepID{id}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		st, ok := f.Step(cur)
		if !ok {
			continue
		}
		out := st.edges()
		if st.Kind == KindFinding && st.Next == "" {
			return dist[cur]
		}
		for _, e := range out {
			if _, seen := dist[e.to]; !seen {
				dist[e.to] = dist[cur] + 1
				queue = append(queue, e.to)
			}
		}
	}
	return 0
}
