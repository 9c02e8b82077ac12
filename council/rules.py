"""Who may do what with the council's records (django-rules predicates)."""

import rules

from residents.rules import can_manage_village, is_verified_resident_of

# Meetings, motions and the handling of proposals: the village's committee (or county administrators).
can_record_meetings = can_manage_village
can_handle_proposals = can_manage_village
can_submit_proposal = is_verified_resident_of

rules.add_perm("council.record_meeting", can_record_meetings)
rules.add_perm("council.handle_proposal", can_handle_proposals)
rules.add_perm("council.submit_proposal", can_submit_proposal)
