"""What a team plans and tracks: goals, interventions, the scorecard, status and change, surveys."""
