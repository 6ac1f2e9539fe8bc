"""One-line confirmations shown after an action (``?done=<key>``), by key."""

from __future__ import annotations

from web.navigation import N_

NOTICES: dict[str, str] = {
    "registered": N_("Welcome! We sent you an email: open its link to confirm your address."),
    "link-sent": N_("We sent you a new link: open it to confirm your email address."),
    "verified": N_("Your email address is confirmed."),
    "signed-in": N_("You are signed in."),
    "signed-out": N_("You are signed out."),
    "reset-sent": N_(
        "If an account uses this address, we sent it a link to choose a new password."
    ),
    "code-timed-out": N_("The time to enter the code ran out: sign in again."),
    "code-spent": N_("Too many wrong codes: sign in again."),
    "two-factor-on": N_("Two-step sign-in is on. Keep your recovery codes somewhere safe."),
    "two-factor-off": N_("Two-step sign-in is off."),
    "recovery-codes-renewed": N_("New recovery codes: the old ones no longer work."),
    "password-changed": N_("Your password is changed. Sign in with the new one."),
    "profile-saved": N_("Your profile is saved."),
    "photo-saved": N_("Your photo is saved."),
    "photo-removed": N_("Your photo is removed."),
    "request-sent": N_("Your request is sent."),
    "connection-updated": N_("Done."),
    "connection-failed": N_("This request could not be sent."),
    "request-exists": N_("You are already connected, or a request is waiting."),
    "message-sent": N_("Your message is sent."),
    "registered-event": N_("You are registered."),
    "waitlisted": N_("The event is full: you are on the waiting list."),
    "registration-cancelled": N_("Your registration is cancelled."),
    "submitted": N_("Thank you. Your contribution is sent for review."),
    "reported": N_("Thank you. A moderator will look at it."),
    "enrolled": N_("You are enrolled."),
    "lesson-done": N_("Lesson completed."),
    "interest-sent": N_("Your interest is sent."),
    "answered": N_("Thank you for your answers."),
    "survey-not-found": N_("This is not a survey link. Paste the whole link you received."),
    "response-withdrawn": N_("Your response is withdrawn."),
    "response-unlinked": N_("Your response is no longer linked to you."),
    "preferences-saved": N_("Your settings are saved."),
    "unsubscribed": N_("You will not receive these emails any more."),
    "consent-saved": N_("Your choice is saved."),
    "export-started": N_("We are gathering your data. This page shows the progress."),
    "moderation-published": N_("Published: members can find it now."),
    "moderation-rejected": N_("Returned to the contributor with your reason."),
    "moderation-hidden": N_("Hidden: members no longer see it."),
    "moderation-restored": N_("Shown again to members."),
    "moderation-archived": N_("Archived."),
    "all-read": N_("All notifications are marked as read."),
    "organisation-registered": N_(
        "Your organisation is registered. A platform administrator will verify it."
    ),
    "organisation-saved": N_("The organisation's profile is saved."),
    "organisation-invited": N_("The invitation is sent."),
    "organisation-request-accepted": N_("Accepted: they are a member now."),
    "organisation-request-declined": N_("The request is declined."),
    "organisation-member-removed": N_("The member is removed."),
    "organisation-role-changed": N_("The role is changed."),
    "opportunity-posted": N_("Your call is posted: matching members hear about it."),
    "opportunity-saved": N_("Your changes are saved."),
    "interest-moved": N_("The status is changed: the person is told."),
    "event-scheduled": N_("Your event is in the calendar."),
    "event-saved": N_("Your changes are saved."),
    "webhook-redelivered": N_("Queued again: it is sent in a moment."),
    "meeting-registered": N_("The member you represent is registered for the meeting."),
    "ballot-cast": N_("The vote is cast."),
    "progress-reported": N_("The progress is reported."),
    "admin-account-found": N_(
        "Account found. Your reading of it is recorded in the person's audit log."
    ),
    "admin-role-granted": N_("The role is granted. It takes effect at the person's next sign-in."),
    "admin-role-revoked": N_("The role is taken away."),
    "admin-organisation-verified": N_("The organisation is verified."),
    "admin-organisation-refused": N_(
        "Verification is refused: the organisation's administrators see your reason."
    ),
}
