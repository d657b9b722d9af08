from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "科学育儿"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from guidance import signals

        post_save.connect(signals.content_saved_or_deleted, dispatch_uid="guidance_page_cache_saved")
        post_delete.connect(signals.content_saved_or_deleted, dispatch_uid="guidance_page_cache_deleted")
        page_published.connect(signals.page_state_changed, dispatch_uid="guidance_page_cache_published")
        page_unpublished.connect(signals.page_state_changed, dispatch_uid="guidance_page_cache_unpublished")
        post_page_move.connect(signals.page_state_changed, dispatch_uid="guidance_page_cache_moved")
